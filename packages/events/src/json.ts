/**
 * JSON values as they arrive from QEMU. Integers beyond 2^53 are kept exact by the
 * QMP client as strings of digits (see @qmpscope/qmp's parser), so no number here
 * has ever lost precision.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
