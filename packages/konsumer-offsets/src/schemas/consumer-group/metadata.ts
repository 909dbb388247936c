/**
 * Consumer groups (KIP-848), group-level records: types 3 (`ConsumerGroupMetadata`), 4 (`ConsumerGroupPartitionMetadata`)
 * and 6 (`ConsumerGroupTargetAssignmentMetadata`). Mirrors the same-named `*Key.json` / `*Value.json` in apache/kafka
 * `group-coordinator/src/main/resources/common/message/`.
 * @module
 */
import type { MessageSpec } from "../../schema/model.js";
import { flexibleValue, groupKey, partitionMetadataValue, targetAssignmentMetadataValue } from "../common.js";

/** Key of type 3. A tombstone deletes the consumer group. */
export const CONSUMER_GROUP_METADATA_KEY: MessageSpec = groupKey("ConsumerGroupMetadata", "Names the consumer group. A tombstone deletes the group.");
/** Value of type 3: the group epoch. */
export const CONSUMER_GROUP_METADATA_VALUE: MessageSpec = flexibleValue("ConsumerGroupMetadata", [
  { name: "epoch", kafkaName: "Epoch", type: "int32", versions: "0+", doc: "The group epoch, bumped when membership or subscriptions change." },
  { name: "metadataHash", kafkaName: "MetadataHash", type: "int64", versions: "0+", taggedVersions: "0+", tag: 0, default: 0n, doc: "Hash of the subscribed topics' metadata (4.1+); a change triggers a new assignment." },
], "A consumer group's epoch.");

/** Key of type 4. */
export const CONSUMER_GROUP_PARTITION_METADATA_KEY: MessageSpec = groupKey("ConsumerGroupPartitionMetadata", "Names the consumer group.");
/** Value of type 4: the subscribed topics' metadata (replaced by the metadata hash in 4.1; 4.4 writes only tombstones). */
export const CONSUMER_GROUP_PARTITION_METADATA_VALUE: MessageSpec = partitionMetadataValue("ConsumerGroupPartitionMetadata",
  "The metadata of the topics a consumer group subscribes to, as of its last assignment.");

/** Key of type 6. */
export const CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_KEY: MessageSpec = groupKey("ConsumerGroupTargetAssignmentMetadata", "Names the consumer group.");
/** Value of type 6. */
export const CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA_VALUE: MessageSpec = targetAssignmentMetadataValue("ConsumerGroupTargetAssignmentMetadata",
  "Which group epoch the consumer group's target assignment was computed for.");
