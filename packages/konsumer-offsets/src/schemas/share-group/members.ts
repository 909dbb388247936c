/**
 * Share groups (KIP-932), member-level records: types 10 (`ShareGroupMemberMetadata`), 13
 * (`ShareGroupTargetAssignmentMember`) and 14 (`ShareGroupCurrentMemberAssignment`). Mirrors the same-named
 * `*Key.json` / `*Value.json` in apache/kafka `group-coordinator/src/main/resources/common/message/`.
 * @module
 */
import type { MessageSpec } from "../../schema/model.js";
import { flexibleValue, MEMBER_EPOCH_STATE, memberKey, TOPIC_ID_PARTITIONS } from "../common.js";

/** Key of type 10. A tombstone removes the member. */
export const SHARE_GROUP_MEMBER_METADATA_KEY: MessageSpec = memberKey("ShareGroupMemberMetadata", "Names the member. A tombstone removes it from the group.");
/** Value of type 10. */
export const SHARE_GROUP_MEMBER_METADATA_VALUE: MessageSpec = flexibleValue("ShareGroupMemberMetadata", [
  { name: "rackId", kafkaName: "RackId", type: "string", versions: "0+", nullableVersions: "0+", doc: "The member's client.rack; null when unset." },
  { name: "clientId", kafkaName: "ClientId", type: "string", versions: "0+", doc: "The member's client.id." },
  { name: "clientHost", kafkaName: "ClientHost", type: "string", versions: "0+", doc: "The member's host as the broker saw it." },
  { name: "subscribedTopicNames", kafkaName: "SubscribedTopicNames", type: "[]string", versions: "0+", doc: "The topics the member subscribed to." },
], "One share group member: identity and subscription.");

/** Key of type 13. */
export const SHARE_GROUP_TARGET_ASSIGNMENT_MEMBER_KEY: MessageSpec = memberKey("ShareGroupTargetAssignmentMember", "Names the member.");
/** Value of type 13. */
export const SHARE_GROUP_TARGET_ASSIGNMENT_MEMBER_VALUE: MessageSpec = flexibleValue("ShareGroupTargetAssignmentMember", [
  { name: "topicPartitions", kafkaName: "TopicPartitions", type: "[]TopicPartition", typeName: "TopicIdPartitions", versions: "0+", fields: TOPIC_ID_PARTITIONS, doc: "The member's target partitions." },
], "The partitions the share group's assignor wants this member to consume.");

/** Key of type 14. */
export const SHARE_GROUP_CURRENT_MEMBER_ASSIGNMENT_KEY: MessageSpec = memberKey("ShareGroupCurrentMemberAssignment", "Names the member.");
/** Value of type 14. */
export const SHARE_GROUP_CURRENT_MEMBER_ASSIGNMENT_VALUE: MessageSpec = flexibleValue("ShareGroupCurrentMemberAssignment", [
  ...MEMBER_EPOCH_STATE,
  { name: "assignedPartitions", kafkaName: "AssignedPartitions", type: "[]TopicPartitions", typeName: "TopicIdPartitions", versions: "0+", fields: TOPIC_ID_PARTITIONS, doc: "The partitions the member consumes." },
], "The share member's current epoch, state and partitions.");
