export type { JsonObject, JsonValue } from './json.js';
export type * from './contract.js';

export type {
  Category,
  Deprecation,
  EnumTypeInfo,
  EnumValueInfo,
  EventInfo,
  FieldInfo,
  FieldUnit,
  Severity,
  StructTypeInfo,
  Summarizer,
  TypeInfo,
  UnionTypeInfo,
} from './model.js';
export { CATEGORIES, SEVERITIES, severityRank } from './labels.js';
export type { CategoryLabel, SeverityLabel } from './labels.js';
export { categoryOf, describeField, describeValue, getEventInfo, getTypeInfo, listEvents, severityOf, summarizeEvent } from './lookup.js';
export { SPICE_CHANNEL_TYPES } from './types/index.js';

export { formatBytes } from './format/formatBytes.js';
export { formatSecondsOffset, humanizeSecondsOffset } from './format/formatSecondsOffset.js';
export { formatQmpTimestamp, isClockUnavailable, timestampToMicros } from './format/qmpTimestamp.js';
export type { TimeZoneChoice } from './format/qmpTimestamp.js';

export { parseStoredEvent, parseStoredEventBatch } from './validate/storedEvent.js';
export { parsePendingUpdate } from './validate/pendingUpdate.js';
export { parseConnectionsInfo, parseVmActivity, parseVmInfo, parseVmInfoList } from './validate/vmInfo.js';
export { isJsonObject, isJsonValue } from './validate/jsonValue.js';
export { boundedData, DROPPED_DATA_KEY, droppedDataMarker, MAX_DATA_DEPTH, nestedDeeperThan } from './validate/dataDepth.js';
