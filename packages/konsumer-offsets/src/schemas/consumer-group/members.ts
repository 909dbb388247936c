/**
 * Consumer groups (KIP-848), member-level records: types 5 (`ConsumerGroupMemberMetadata`), 7
 * (`ConsumerGroupTargetAssignmentMember`) and 8 (`ConsumerGroupCurrentMemberAssignment`). Mirrors the same-named
 * `*Key.json` / `*Value.json` in apache/kafka `group-coordinator/src/main/resources/common/message/`.
 * @module
 */
import type { MessageSpec } from "../../schema/model.js";
import { flexibleValue, MEMBER_EPOCH_STATE, memberKey, TOPIC_ID_PARTITIONS, TOPIC_ID_PARTITIONS_WITH_EPOCHS } from "../common.js";

/** Key of type 5. A tombstone removes the member. */
export const CONSUMER_GROUP_MEMBER_METADATA_KEY: MessageSpec = memberKey("ConsumerGroupMemberMetadata", "Names the member. A tombstone removes it from the group.");
/** Value of type 5: who the member is and what it subscribes to. */
export const CONSUMER_GROUP_MEMBER_METADATA_VALUE: MessageSpec = flexibleValue("ConsumerGroupMemberMetadata", [
  { name: "instanceId", kafkaName: "InstanceId", type: "string", versions: "0+", nullableVersions: "0+", doc: "The static member id (group.instance.id); null for dynamic members." },
  { name: "rackId", kafkaName: "RackId", type: "string", versions: "0+", nullableVersions: "0+", doc: "The member's client.rack; null when unset." },
  { name: "clientId", kafkaName: "ClientId", type: "string", versions: "0+", doc: "The member's client.id." },
  { name: "clientHost", kafkaName: "ClientHost", type: "string", versions: "0+", doc: "The member's host as the broker saw it." },
  { name: "subscribedTopicNames", kafkaName: "SubscribedTopicNames", type: "[]string", versions: "0+", doc: "Topics subscribed by name." },
  { name: "subscribedTopicRegex", kafkaName: "SubscribedTopicRegex", type: "string", versions: "0+", nullableVersions: "0+", doc: "The regular expression subscribed with; null when none." },
  { name: "rebalanceTimeoutMs", kafkaName: "RebalanceTimeoutMs", type: "int32", versions: "0+", default: -1, doc: "How long the member may take to revoke partitions, ms." },
  { name: "serverAssignor", kafkaName: "ServerAssignor", type: "string", versions: "0+", nullableVersions: "0+", doc: "The server-side assignor asked for (uniform, range); null for the default." },
  {
    name: "classicMemberMetadata", kafkaName: "ClassicMemberMetadata", type: "ClassicMemberMetadata", versions: "0+", nullableVersions: "0+",
    taggedVersions: "0+", tag: 0, default: null,
    doc: "Set when the member speaks the classic protocol inside a consumer group (upgrade path); null when it uses the consumer protocol (Kafka 4.x writes that null explicitly); absent when the tag is not written (Kafka then reads an empty struct).",
    fields: [
      { name: "sessionTimeoutMs", kafkaName: "SessionTimeoutMs", type: "int32", versions: "0+", doc: "The classic member's session timeout, ms." },
      {
        name: "supportedProtocols", kafkaName: "SupportedProtocols", type: "[]ClassicProtocol", versions: "0+", doc: "The protocols (assignors) the classic member supports.",
        fields: [
          { name: "name", kafkaName: "Name", type: "string", versions: "0+", doc: "The protocol name." },
          { name: "metadata", kafkaName: "Metadata", type: "bytes", versions: "0+", doc: "The protocol metadata (for consumers, a ConsumerProtocolSubscription)." },
        ],
      },
    ],
  },
], "One consumer group member: identity, subscription, and classic-protocol details when it uses them.");

/** Key of type 7. */
export const CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_KEY: MessageSpec = memberKey("ConsumerGroupTargetAssignmentMember", "Names the member.");
/** Value of type 7: the partitions the group wants the member to own. */
export const CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER_VALUE: MessageSpec = flexibleValue("ConsumerGroupTargetAssignmentMember", [
  { name: "topicPartitions", kafkaName: "TopicPartitions", type: "[]TopicPartition", typeName: "TopicIdPartitions", versions: "0+", fields: TOPIC_ID_PARTITIONS, doc: "The member's target partitions." },
], "The partitions the consumer group's assignor wants this member to own.");

/** Key of type 8. */
export const CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_KEY: MessageSpec = memberKey("ConsumerGroupCurrentMemberAssignment", "Names the member.");
/** Value of type 8: what the member owns now and must revoke. */
export const CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT_VALUE: MessageSpec = flexibleValue("ConsumerGroupCurrentMemberAssignment", [
  ...MEMBER_EPOCH_STATE,
  { name: "assignedPartitions", kafkaName: "AssignedPartitions", type: "[]TopicPartitions", typeName: "TopicIdPartitionsWithEpochs", versions: "0+", fields: TOPIC_ID_PARTITIONS_WITH_EPOCHS, doc: "The partitions assigned to (or owned by) the member." },
  { name: "partitionsPendingRevocation", kafkaName: "PartitionsPendingRevocation", type: "[]TopicPartitions", typeName: "TopicIdPartitionsWithEpochs", versions: "0+", fields: TOPIC_ID_PARTITIONS_WITH_EPOCHS, doc: "The partitions the member must revoke." },
], "The member's current epoch, state and partitions: where it is in reconciling towards its target.");
