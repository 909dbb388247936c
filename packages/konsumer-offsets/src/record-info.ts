/**
 * What the schema tables know about record types, for tools built on `decode`: names and numbers, which kind of
 * group each belongs to, and accessors that read a record the same way whatever its type or layout (the group it
 * belongs to, the topic ids and names it states). The CLI and kommitted use these instead of knowing the tables.
 * @module
 */
import { ZERO_UUID } from "@kafkesc/bytes-parser";
import type { KnownRecordName, OffsetsRecord, TopicIdName } from "./types.js";
import type { ShareStateRecord } from "./share-state/types.js";
import { RECORD_SPECS, type GroupType } from "./records.js";

export type { GroupType } from "./records.js";

/** One record type of `__consumer_offsets`. */
export interface RecordTypeInfo {
  /** The int16 at the start of the key. */
  readonly recordType: number;
  /** Its name: the `type` of decoded records (`OffsetCommit`). */
  readonly name: KnownRecordName;
  /** Kafka's name for it (its definitions are `<kafkaName>Key.json` / `Value.json`): `LegacyOffsetCommit` for type 0. */
  readonly kafkaName: string;
  /** The kind of group it describes; undefined for offset commits, which classic, consumer and streams groups write alike. */
  readonly groupType: GroupType | undefined;
  /** The Kafka releases that wrote it. */
  readonly writtenBy: string;
}

/** Every record type this library decodes, by ascending number. */
export const RECORD_TYPES: readonly RecordTypeInfo[] = RECORD_SPECS.map((spec) => ({
  recordType: spec.recordType,
  name: spec.name,
  kafkaName: spec.kafkaName ?? spec.key.name.replace(/Key$/, ""),
  groupType: spec.groupType,
  writtenBy: spec.writtenBy,
}));

/** Record type number -> name (`1` -> `OffsetCommit`); types 0 and 1 share their name. */
export const RECORD_TYPE_NAMES: ReadonlyMap<number, KnownRecordName> = new Map(RECORD_TYPES.map((info) => [info.recordType, info.name]));

/**
 * The record type numbers a name stands for, ours or Kafka's, case-insensitive: `OffsetCommit` -> 0 and 1,
 * `LegacyOffsetCommit` -> 0, `groupmetadata` -> 2. Empty when the name is no record type's.
 */
export function recordTypesNamed(name: string): readonly number[] {
  const wanted = name.trim().toLowerCase();
  const byKafkaName = RECORD_TYPES.filter((info) => info.kafkaName.toLowerCase() === wanted && info.kafkaName !== info.name);
  if (byKafkaName.length > 0) return byKafkaName.map((info) => info.recordType);
  return RECORD_TYPES.filter((info) => info.name.toLowerCase() === wanted).map((info) => info.recordType);
}

/** The kind of group a record type describes (`5` -> `consumer`); undefined for offset commits and unknown types. */
export function groupTypeOf(recordType: number): GroupType | undefined {
  return RECORD_TYPES.find((info) => info.recordType === recordType)?.groupType;
}

/**
 * The group a record belongs to: every known key names one (`group` in types 0-2, `groupId` from type 3 on and in
 * `__share_group_state`). Undefined for records of unknown types.
 */
export function recordGroupId(record: OffsetsRecord | ShareStateRecord): string | undefined {
  if (record.type === "Unknown") return undefined;
  const key = record.key;
  return "groupId" in key ? key.groupId : key.group;
}

/** The topic an offset commit is about; undefined for every other record. */
export function recordTopic(record: OffsetsRecord): string | undefined {
  return record.type === "OffsetCommit" ? record.key.topic : undefined;
}

/**
 * The topic ids and names a record states, whatever its layout: the subscribed topics of the partition-metadata
 * records (types 4, 9 and 18; type 9 as Kafka 3.9 wrote it, its initialized topics), the initializing and initialized
 * topics of type 15 (topics being deleted are left out), and the topic of an offset commit that carries its id (v4+,
 * non-zero). Empty for tombstones and every other record.
 */
export function topicNamesOf(record: OffsetsRecord): readonly TopicIdName[] {
  if (record.type === "Unknown" || record.tombstone) return [];
  switch (record.type) {
    case "OffsetCommit": {
      const topicId = record.value.topicId;
      return topicId === undefined || topicId === ZERO_UUID ? [] : [{ topicId, topicName: record.key.topic }];
    }
    case "ConsumerGroupPartitionMetadata":
    case "StreamsGroupPartitionMetadata":
      return idNames(record.value.topics);
    case "ShareGroupPartitionMetadata": {
      const value = record.value;
      return idNames(value.layout === "4.0" ? value.topics : value.initializedTopics);
    }
    case "ShareGroupStatePartitionMetadata": {
      const value = record.value;
      return idNames(value.layout === "4.1" ? [...value.initializingTopics, ...value.initializedTopics] : value.initializedTopics);
    }
    default:
      return [];
  }
}

/** `{ topicId, topicName }` of each topic (without the other fields and unknown tagged fields). */
function idNames(topics: readonly { readonly topicId: string; readonly topicName: string }[]): TopicIdName[] {
  return topics.map((t) => ({ topicId: t.topicId, topicName: t.topicName }));
}
