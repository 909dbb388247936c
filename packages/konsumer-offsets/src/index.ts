/**
 * `@kafkesc/konsumer-offsets`: decode and encode every record Kafka writes to its internal `__consumer_offsets` topic.
 * @module
 */
export type * from "./types.js";
export { decode } from "./decode.js";
export { encode } from "./encode.js";
export { KonsumerOffsetsError } from "./errors.js";
export type { KonsumerOffsetsErrorCode, KonsumerOffsetsErrorContext } from "./errors.js";
export {
  decodeMemberAssignment,
  decodeMemberSubscription,
  encodeConsumerAssignment,
  encodeConsumerSubscription,
} from "./consumer-protocol.js";
export type { ConsumerAssignmentFields, ConsumerSubscriptionFields } from "./consumer-protocol.js";
export { toJson, toJsonValue } from "./format/json.js";
export { fromJsonValue, shareStateFromJsonValue } from "./format/from-json.js";
export type { JsonOptions, JsonValue } from "./format/json.js";
export { toKafkaFormat } from "./format/kafka.js";
export type { KafkaFormatter } from "./format/kafka.js";
export { decodeShareState, encodeShareState, SHARE_STATE_RECORD_SPECS } from "./share-state/index.js";
export { groupTypeOf, RECORD_TYPE_NAMES, RECORD_TYPES, recordGroupId, recordTopic, recordTypesNamed, topicNamesOf } from "./record-info.js";
export type { GroupType, RecordTypeInfo } from "./record-info.js";
export { toKafkaUuid, ZERO_UUID } from "@kafkesc/bytes-parser";
export type * from "./share-state/index.js";
