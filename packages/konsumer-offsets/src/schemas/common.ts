/**
 * Fields and structs shared by several `__consumer_offsets` definitions: the keys of the new group coordinator's
 * records and the topic/partition structs they repeat. Each mirrors the same-named parts of the definitions in
 * apache/kafka `group-coordinator/src/main/resources/common/message/`.
 * @module
 */
import type { FieldSpec, MessageSpec } from "../schema/model.js";

/** Folder of Kafka's `__consumer_offsets` definitions in apache/kafka. */
export const GC = "group-coordinator/src/main/resources/common/message";

/** `GroupId` of every new-coordinator key. */
export const GROUP_ID: FieldSpec = { name: "groupId", kafkaName: "GroupId", type: "string", versions: "0", doc: "The group id." };
/** `MemberId` of the member-level keys. */
export const MEMBER_ID: FieldSpec = {
  name: "memberId", kafkaName: "MemberId", type: "string", versions: "0",
  doc: "The member id (a UUID string chosen by the client for KIP-848 members).",
};

/** A key made of the group id only (types 3, 4, 6, 9, 11, 12, 15, 17, 18, 20, 23, 24). */
export function groupKey(record: string, doc: string): MessageSpec {
  return { name: `${record}Key`, typeName: "GroupIdKey", source: `${GC}/${record}Key.json`, validVersions: "0", flexibleVersions: "none", fields: [GROUP_ID], doc };
}

/** A key made of the group id and a member id (types 5, 7, 8, 10, 13, 14, 19, 21, 22). */
export function memberKey(record: string, doc: string): MessageSpec {
  return { name: `${record}Key`, typeName: "GroupMemberKey", source: `${GC}/${record}Key.json`, validVersions: "0", flexibleVersions: "none", fields: [GROUP_ID, MEMBER_ID], doc };
}

/** A value of the new group coordinator: version 0 only, flexible from version 0. */
export function flexibleValue(record: string, fields: readonly FieldSpec[], doc: string, nameSuffix = ""): MessageSpec {
  return { name: `${record}Value${nameSuffix}`, source: `${GC}/${record}Value.json`, validVersions: "0", flexibleVersions: "0+", fields, doc };
}

/** `TopicId` + `Partitions`: partitions of one topic by id. */
export const TOPIC_ID_PARTITIONS: readonly FieldSpec[] = [
  { name: "topicId", kafkaName: "TopicId", type: "uuid", versions: "0+", doc: "The topic id." },
  { name: "partitions", kafkaName: "Partitions", type: "[]int32", versions: "0+", doc: "The partition indexes." },
];

/** `TopicId` + `Partitions` + tagged `AssignmentEpochs` (4.1+): partitions of one topic with the epoch each was assigned at. */
export const TOPIC_ID_PARTITIONS_WITH_EPOCHS: readonly FieldSpec[] = [
  ...TOPIC_ID_PARTITIONS,
  {
    name: "assignmentEpochs", kafkaName: "AssignmentEpochs", type: "[]int32", versions: "0+", nullableVersions: "0+",
    taggedVersions: "0+", tag: 0, default: null,
    doc: "Epoch at which each partition was assigned to the member (same length as partitions): fences zombie commits. Null when not stored (before 4.1).",
  },
];

/** `TopicMetadata` of the `*PartitionMetadataValue` definitions (types 4, 9, 18). */
export const TOPIC_METADATA: readonly FieldSpec[] = [
  { name: "topicId", kafkaName: "TopicId", type: "uuid", versions: "0+", doc: "The topic id." },
  { name: "topicName", kafkaName: "TopicName", type: "string", versions: "0+", doc: "The topic name." },
  { name: "numPartitions", kafkaName: "NumPartitions", type: "int32", versions: "0+", doc: "The topic's partition count when the coordinator last looked." },
  {
    name: "partitionMetadata", kafkaName: "PartitionMetadata", type: "[]PartitionMetadata", typeName: "PartitionRacks", versions: "0+",
    doc: "Racks of each partition's replicas, for rack-aware assignment; empty when no rack is known (unused after 4.0).",
    fields: [
      { name: "partition", kafkaName: "Partition", type: "int32", versions: "0+", doc: "The partition index." },
      { name: "racks", kafkaName: "Racks", type: "[]string", versions: "0+", doc: "The racks holding its replicas." },
    ],
  },
];

/** The single `Topics` field of the `*PartitionMetadataValue` definitions. */
export const PARTITION_METADATA_FIELDS: readonly FieldSpec[] = [
  { name: "topics", kafkaName: "Topics", type: "[]TopicMetadata", versions: "0+", fields: TOPIC_METADATA, doc: "Metadata of every topic the group subscribes to." },
];

/** A `*PartitionMetadataValue` (types 4, 18): one TypeScript type, `PartitionMetadataValue`, for all. */
export function partitionMetadataValue(record: string, doc: string): MessageSpec {
  return { ...flexibleValue(record, PARTITION_METADATA_FIELDS, doc), typeName: "PartitionMetadataValue" };
}

/** `AssignmentEpoch` + tagged `AssignmentTimestamp` of the `*TargetAssignmentMetadataValue` definitions. */
export const TARGET_ASSIGNMENT_METADATA_FIELDS: readonly FieldSpec[] = [
  { name: "assignmentEpoch", kafkaName: "AssignmentEpoch", type: "int32", versions: "0+", doc: "The group epoch the target assignment was computed for." },
  {
    name: "assignmentTimestamp", kafkaName: "AssignmentTimestamp", type: "int64", versions: "0+", taggedVersions: "0+", tag: 0, default: 0n,
    doc: "When the assignment computation finished, in ms since the epoch (4.1+); 0 when not stored.",
  },
];

/** `MemberEpoch`, `PreviousMemberEpoch`, `State`: the head of every `*CurrentMemberAssignmentValue`. */
export const MEMBER_EPOCH_STATE: readonly FieldSpec[] = [
  { name: "memberEpoch", kafkaName: "MemberEpoch", type: "int32", versions: "0+", doc: "The member epoch the member must send in its heartbeats." },
  { name: "previousMemberEpoch", kafkaName: "PreviousMemberEpoch", type: "int32", versions: "0+", doc: "The previous member epoch, still accepted if the member missed the last bump." },
  { name: "state", kafkaName: "State", type: "int8", versions: "0+", doc: "The member's reconciliation state (Kafka's MemberState: 0 stable, 1 unrevoked partitions, 2 unreleased partitions, 3 unknown)." },
];

/** A `*TargetAssignmentMetadataValue` (types 6, 12, 20): one TypeScript type, `TargetAssignmentMetadataValue`, for all. */
export function targetAssignmentMetadataValue(record: string, doc: string): MessageSpec {
  return { ...flexibleValue(record, TARGET_ASSIGNMENT_METADATA_FIELDS, doc), typeName: "TargetAssignmentMetadataValue" };
}
