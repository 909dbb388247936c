/**
 * Record types 0 and 1: committed offsets. Mirrors apache/kafka `group-coordinator/src/main/resources/common/message/`
 * `OffsetCommitKey.json`, `OffsetCommitValue.json` (and `LegacyOffsetCommitKey.json` / `LegacyOffsetCommitValue.json`
 * for type 0, whose layouts are the same key and value v0).
 * @module
 */
import type { MessageSpec } from "../schema/model.js";
import { GC } from "./common.js";

/** Key of types 0 and 1: which group committed which partition. */
export const OFFSET_COMMIT_KEY: MessageSpec = {
  name: "OffsetCommitKey",
  source: `${GC}/OffsetCommitKey.json`,
  validVersions: "0",
  flexibleVersions: "none",
  doc: "Names the committed partition: (group, topic, partition). A tombstone with this key deletes the offset.",
  fields: [
    { name: "group", kafkaName: "group", type: "string", versions: "0", doc: "The consumer group id." },
    { name: "topic", kafkaName: "topic", type: "string", versions: "0", doc: "The topic name." },
    { name: "partition", kafkaName: "partition", type: "int32", versions: "0", doc: "The partition index." },
  ],
};

/** Value of types 0 and 1: the committed offset. */
export const OFFSET_COMMIT_VALUE: MessageSpec = {
  name: "OffsetCommitValue",
  source: `${GC}/OffsetCommitValue.json`,
  validVersions: "0-4",
  flexibleVersions: "4+",
  doc:
    "The offset a group committed for a partition. v0: Kafka 0.8.2-0.9; v1 adds expireTimestamp (client-chosen retention); " +
    "v2 (Kafka 2.1) drops it; v3 adds leaderEpoch; v4 (Kafka 4.x) is flexible with the tagged topicId.",
  fields: [
    { name: "offset", kafkaName: "offset", type: "int64", versions: "0+", doc: "The committed offset: the next record the group will read." },
    { name: "leaderEpoch", kafkaName: "leaderEpoch", type: "int32", versions: "3+", default: -1, doc: "Leader epoch of the last consumed record, to detect truncation; -1 if unknown." },
    { name: "metadata", kafkaName: "metadata", type: "string", versions: "0+", doc: "Free-form metadata the client attached (\"\" when none)." },
    { name: "commitTimestamp", kafkaName: "commitTimestamp", type: "int64", versions: "0+", doc: "When the commit was written, ms since the epoch." },
    { name: "expireTimestamp", kafkaName: "expireTimestamp", type: "int64", versions: "1", default: -1n, doc: "When the offset expires, ms since the epoch (v1 only)." },
    { name: "topicId", kafkaName: "topicId", type: "uuid", versions: "4+", taggedVersions: "4+", tag: 0, doc: "The topic's id, when the broker knew it (v4+)." },
  ],
};
