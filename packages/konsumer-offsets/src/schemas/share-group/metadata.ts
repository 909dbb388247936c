/**
 * Share groups (KIP-932), group-level records: types 9 (`ShareGroupPartitionMetadata`, Kafka 4.0 only), 11
 * (`ShareGroupMetadata`), 12 (`ShareGroupTargetAssignmentMetadata`) and 15 (`ShareGroupStatePartitionMetadata`).
 * Mirrors the same-named `*Key.json` / `*Value.json` in apache/kafka `group-coordinator/src/main/resources/common/message/`
 * of 4.4.0, and of 4.0.0 for type 9 and the 4.0 layouts of types 11 and 15 (their v0 changed in place in 4.1).
 * @module
 */
import type { FieldSpec, MessageSpec } from "../../schema/model.js";
import { flexibleValue, groupKey, PARTITION_METADATA_FIELDS, targetAssignmentMetadataValue } from "../common.js";

/** Key of type 9. */
export const SHARE_GROUP_PARTITION_METADATA_KEY: MessageSpec = { ...groupKey("ShareGroupPartitionMetadata", "Names the share group."), ref: "4.0.0" };
/** Value of type 9 as Kafka 4.0 wrote it (dropped in 4.1 but still in old logs). */
export const SHARE_GROUP_PARTITION_METADATA_VALUE: MessageSpec = {
  ...flexibleValue("ShareGroupPartitionMetadata", PARTITION_METADATA_FIELDS, "The metadata of the topics a share group subscribes to (Kafka 4.0 layout)."),
  ref: "4.0.0",
};

/** Key of type 11. A tombstone deletes the share group. */
export const SHARE_GROUP_METADATA_KEY: MessageSpec = groupKey("ShareGroupMetadata", "Names the share group. A tombstone deletes the group.");
const EPOCH: FieldSpec = { name: "epoch", kafkaName: "Epoch", type: "int32", versions: "0+", doc: "The group epoch, bumped when membership or subscriptions change." };
/** Value of type 11 as Kafka 4.1 and later write it. */
export const SHARE_GROUP_METADATA_VALUE: MessageSpec = flexibleValue("ShareGroupMetadata", [
  EPOCH,
  { name: "metadataHash", kafkaName: "MetadataHash", type: "int64", versions: "0+", doc: "Hash of the subscribed topics' metadata (a regular field since 4.1)." },
], "A share group's epoch (Kafka 4.1+ layout).");
/** Value of type 11 as Kafka 4.0 wrote it (no `MetadataHash`). */
export const SHARE_GROUP_METADATA_VALUE_4_0: MessageSpec = { ...flexibleValue("ShareGroupMetadata", [EPOCH], "A share group's epoch (Kafka 4.0 layout).", "@4.0"), ref: "4.0.0" };

/** Key of type 12. */
export const SHARE_GROUP_TARGET_ASSIGNMENT_METADATA_KEY: MessageSpec = groupKey("ShareGroupTargetAssignmentMetadata", "Names the share group.");
/** Value of type 12. */
export const SHARE_GROUP_TARGET_ASSIGNMENT_METADATA_VALUE: MessageSpec = targetAssignmentMetadataValue("ShareGroupTargetAssignmentMetadata",
  "Which group epoch the share group's target assignment was computed for.");

/** Key of type 15. */
export const SHARE_GROUP_STATE_PARTITION_METADATA_KEY: MessageSpec = groupKey("ShareGroupStatePartitionMetadata", "Names the share group.");
const TOPIC_PARTITIONS_INFO: readonly FieldSpec[] = [
  { name: "topicId", kafkaName: "TopicId", type: "uuid", versions: "0+", doc: "The topic id." },
  { name: "topicName", kafkaName: "TopicName", type: "string", versions: "0+", doc: "The topic name." },
  { name: "partitions", kafkaName: "Partitions", type: "[]int32", versions: "0+", doc: "The partition indexes." },
];
const INITIALIZED: FieldSpec = { name: "initializedTopics", kafkaName: "InitializedTopics", type: "[]TopicPartitionsInfo", versions: "0+", fields: TOPIC_PARTITIONS_INFO, doc: "Topic-partitions whose share-group state (in __share_group_state) is initialized." };
const DELETING: FieldSpec = {
  name: "deletingTopics", kafkaName: "DeletingTopics", type: "[]TopicInfo", typeName: "TopicIdName", versions: "0+", doc: "Topics whose share-group state is being deleted.",
  fields: [
    { name: "topicId", kafkaName: "TopicId", type: "uuid", versions: "0+", doc: "The topic id." },
    { name: "topicName", kafkaName: "TopicName", type: "string", versions: "0+", doc: "The topic name." },
  ],
};
/** Value of type 15 as Kafka 4.1 and later write it. */
export const SHARE_GROUP_STATE_PARTITION_METADATA_VALUE: MessageSpec = flexibleValue("ShareGroupStatePartitionMetadata", [
  { name: "initializingTopics", kafkaName: "InitializingTopics", type: "[]TopicPartitionsInfo", versions: "0+", fields: TOPIC_PARTITIONS_INFO, doc: "Topic-partitions whose share-group state is being initialized (a regular field since 4.1)." },
  INITIALIZED,
  DELETING,
], "Which partitions of a share group have state in __share_group_state (Kafka 4.1+ layout).");
/** Value of type 15 as Kafka 4.0 wrote it (no `InitializingTopics`). */
export const SHARE_GROUP_STATE_PARTITION_METADATA_VALUE_4_0: MessageSpec = {
  ...flexibleValue("ShareGroupStatePartitionMetadata", [INITIALIZED, DELETING], "Which partitions of a share group have state in __share_group_state (Kafka 4.0 layout).", "@4.0"),
  ref: "4.0.0",
};
/**
 * Value of type 9 as Kafka 3.9 defined it (share groups in early access): what 4.0 moved to type 15, under type 9's
 * name. Mirrors `ShareGroupPartitionMetadataValue.json` of Kafka 3.9.
 */
export const SHARE_GROUP_PARTITION_METADATA_VALUE_3_9: MessageSpec = {
  ...flexibleValue("ShareGroupPartitionMetadata", [INITIALIZED, DELETING], "Which partitions of a share group have state (Kafka 3.9 layout).", "@3.9"),
  ref: "3.9.0",
};
