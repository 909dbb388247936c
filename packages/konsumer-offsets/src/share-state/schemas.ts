/**
 * The records of `__share_group_state`, the share coordinator's compacted topic (KIP-932): where a share group's
 * progress on each partition lives. Mirrors apache/kafka `share-coordinator/src/main/resources/common/message/`
 * `ShareSnapshotKey.json`, `ShareSnapshotValue.json`, `ShareUpdateKey.json`, `ShareUpdateValue.json` (as shipped in
 * `kafka-share-coordinator-4.4.0.jar`). Framing is the coordinator one (`CoordinatorRecordSerde`): the key starts with
 * its int16 record type (0 snapshot, 1 update), the value with its int16 version.
 * @module
 */
import type { FieldSpec, MessageSpec } from "../schema/model.js";

/** Folder of the definitions in apache/kafka. */
export const SC = "share-coordinator/src/main/resources/common/message";

/** Key fields shared by both record types: one share-partition of one group. */
const SHARE_PARTITION_KEY_FIELDS: readonly FieldSpec[] = [
  { name: "groupId", kafkaName: "GroupId", type: "string", versions: "0", doc: "The share group id." },
  { name: "topicId", kafkaName: "TopicId", type: "uuid", versions: "0", doc: "The topic's id (base64, as Kafka prints it)." },
  { name: "partition", kafkaName: "Partition", type: "int32", versions: "0", doc: "The partition index." },
];

/** The in-flight state batches of a share-partition: offset ranges at or above the start offset with their state. */
const STATE_BATCH_FIELDS: readonly FieldSpec[] = [
  { name: "firstOffset", kafkaName: "FirstOffset", type: "int64", versions: "0+", doc: "The first offset of this state batch." },
  { name: "lastOffset", kafkaName: "LastOffset", type: "int64", versions: "0+", doc: "The last offset of this state batch (inclusive)." },
  { name: "deliveryState", kafkaName: "DeliveryState", type: "int8", versions: "0+", doc: "The delivery state: 0 available, 2 acknowledged, 4 archived." },
  { name: "deliveryCount", kafkaName: "DeliveryCount", type: "int16", versions: "0+", doc: "How many times the records were delivered." },
];

/** The tagged count of completed deliveries (Kafka 4.2+ writes it; -1 when absent). */
const DELIVERY_COMPLETE_COUNT: FieldSpec = {
  name: "deliveryCompleteCount",
  kafkaName: "DeliveryCompleteCount",
  type: "int32",
  versions: "0+",
  taggedVersions: "0+",
  tag: 0,
  default: -1,
  doc: "How many offsets at or above the start offset have completed delivery (acknowledged or archived); -1 when not written.",
};

/** Key of record type 0. */
export const SHARE_SNAPSHOT_KEY: MessageSpec = {
  name: "ShareSnapshotKey",
  typeName: "SharePartitionKey",
  source: `${SC}/ShareSnapshotKey.json`,
  validVersions: "0",
  flexibleVersions: "none",
  doc: "Names the share-partition whose complete state the value holds. A tombstone deletes the state (group or topic deleted).",
  fields: SHARE_PARTITION_KEY_FIELDS,
};

/** Value of record type 0: the complete state of a share-partition. */
export const SHARE_SNAPSHOT_VALUE: MessageSpec = {
  name: "ShareSnapshotValue",
  source: `${SC}/ShareSnapshotValue.json`,
  validVersions: "0",
  flexibleVersions: "0+",
  doc: "The complete state of a share-partition: replaces whatever was known. Written first, then after every N updates.",
  fields: [
    { name: "snapshotEpoch", kafkaName: "SnapshotEpoch", type: "int32", versions: "0+", doc: "The snapshot epoch (incremented by each new snapshot)." },
    { name: "stateEpoch", kafkaName: "StateEpoch", type: "int32", versions: "0+", doc: "The state epoch of the share-partition (incremented when the state is reset)." },
    { name: "leaderEpoch", kafkaName: "LeaderEpoch", type: "int32", versions: "0+", doc: "The leader epoch of the share-partition." },
    { name: "startOffset", kafkaName: "StartOffset", type: "int64", versions: "0+", doc: "The share-partition start offset (SPSO): every record before it is acknowledged or archived; -1 when not initialized." },
    DELIVERY_COMPLETE_COUNT,
    { name: "createTimestamp", kafkaName: "CreateTimestamp", type: "int64", versions: "0+", doc: "When the state was created, ms since the epoch." },
    { name: "writeTimestamp", kafkaName: "WriteTimestamp", type: "int64", versions: "0+", doc: "When the state was written or rewritten, ms since the epoch." },
    { name: "stateBatches", kafkaName: "StateBatches", type: "[]StateBatch", typeName: "ShareStateBatch", versions: "0+", fields: STATE_BATCH_FIELDS, doc: "The state batches." },
  ],
};

/** Key of record type 1. */
export const SHARE_UPDATE_KEY: MessageSpec = {
  name: "ShareUpdateKey",
  typeName: "SharePartitionKey",
  source: `${SC}/ShareUpdateKey.json`,
  validVersions: "0",
  flexibleVersions: "none",
  doc: "Names the share-partition the incremental update applies to.",
  fields: SHARE_PARTITION_KEY_FIELDS,
};

/** Value of record type 1: an incremental change applied to the last snapshot (`ShareCoordinatorShard.merge`). */
export const SHARE_UPDATE_VALUE: MessageSpec = {
  name: "ShareUpdateValue",
  source: `${SC}/ShareUpdateValue.json`,
  validVersions: "0",
  flexibleVersions: "0+",
  doc: "A change to a share-partition's state since the last snapshot: its start offset (-1: unchanged) and the batches that changed.",
  fields: [
    { name: "snapshotEpoch", kafkaName: "SnapshotEpoch", type: "int32", versions: "0+", doc: "The epoch of the snapshot this update applies to." },
    { name: "leaderEpoch", kafkaName: "LeaderEpoch", type: "int32", versions: "0+", doc: "The leader epoch of the share-partition (-1: unchanged)." },
    { name: "startOffset", kafkaName: "StartOffset", type: "int64", versions: "0+", doc: "The new share-partition start offset, or -1 when it is not being updated." },
    DELIVERY_COMPLETE_COUNT,
    { name: "stateBatches", kafkaName: "StateBatches", type: "[]StateBatch", typeName: "ShareStateBatch", versions: "0+", fields: STATE_BATCH_FIELDS, doc: "The state batches that changed." },
  ],
};

/** Key and value tables of one `__share_group_state` record type. */
export interface ShareStateRecordSpec {
  /** The int16 at the start of the key. */
  readonly recordType: 0 | 1;
  /** Our record name (the `type` of decoded records). */
  readonly name: "ShareSnapshot" | "ShareUpdate";
  /** Key table. */
  readonly key: MessageSpec;
  /** Value table. */
  readonly value: MessageSpec;
}

/** Every record type of `__share_group_state`, by record type number. */
export const SHARE_STATE_RECORD_SPECS: readonly ShareStateRecordSpec[] = [
  { recordType: 0, name: "ShareSnapshot", key: SHARE_SNAPSHOT_KEY, value: SHARE_SNAPSHOT_VALUE },
  { recordType: 1, name: "ShareUpdate", key: SHARE_UPDATE_KEY, value: SHARE_UPDATE_VALUE },
];
