export type { JsonObject, JsonValue } from './json.js';
export type * from './contract.js';
