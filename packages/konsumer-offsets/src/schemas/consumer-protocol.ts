/**
 * The classic consumer protocol: what `consumer` members put in a classic group's subscription and assignment bytes.
 * Mirrors apache/kafka `clients/src/main/resources/common/message/ConsumerProtocolSubscription.json` and
 * `ConsumerProtocolAssignment.json` (read by `clients/.../consumer/internals/ConsumerProtocol.java`).
 * @module
 */
import type { FieldSpec, MessageSpec } from "../schema/model.js";

const CLIENTS = "clients/src/main/resources/common/message";

const topicPartitionFields = (versions: string): readonly FieldSpec[] => [
  { name: "topic", kafkaName: "Topic", type: "string", versions, doc: "The topic name." },
  { name: "partitions", kafkaName: "Partitions", type: "[]int32", versions, doc: "The partition indexes." },
];

/** A consumer's subscription, inside `GroupMetadataValue.members[].subscription`. */
export const CONSUMER_PROTOCOL_SUBSCRIPTION: MessageSpec = {
  name: "ConsumerProtocolSubscription",
  source: `${CLIENTS}/ConsumerProtocolSubscription.json`,
  validVersions: "0-3",
  flexibleVersions: "none",
  doc: "What a classic consumer asks for when it joins. v1 adds ownedPartitions (cooperative rebalancing), v2 generationId, v3 rackId.",
  fields: [
    { name: "topics", kafkaName: "Topics", type: "[]string", versions: "0+", doc: "The topics the member wants to consume." },
    { name: "userData", kafkaName: "UserData", type: "bytes", versions: "0+", nullableVersions: "0+", default: null, doc: "Assignor-specific data; null when absent." },
    { name: "ownedPartitions", kafkaName: "OwnedPartitions", type: "[]TopicPartition", typeName: "TopicPartitions", versions: "1+", fields: topicPartitionFields("1+"), doc: "Partitions the member owned when it joined." },
    { name: "generationId", kafkaName: "GenerationId", type: "int32", versions: "2+", default: -1, doc: "The generation the member last belonged to." },
    { name: "rackId", kafkaName: "RackId", type: "string", versions: "3+", nullableVersions: "3+", default: null, doc: "The member's client.rack." },
  ],
};

/** A consumer's assignment, inside `GroupMetadataValue.members[].assignment`. */
export const CONSUMER_PROTOCOL_ASSIGNMENT: MessageSpec = {
  name: "ConsumerProtocolAssignment",
  source: `${CLIENTS}/ConsumerProtocolAssignment.json`,
  validVersions: "0-3",
  flexibleVersions: "none",
  doc: "The partitions the leader assigned to a classic consumer. Versions 0-3 share one layout.",
  fields: [
    { name: "assignedPartitions", kafkaName: "AssignedPartitions", type: "[]TopicPartition", typeName: "TopicPartitions", versions: "0+", fields: topicPartitionFields("0+"), doc: "The partitions assigned to the member." },
    { name: "userData", kafkaName: "UserData", type: "bytes", versions: "0+", nullableVersions: "0+", default: null, doc: "Assignor-specific data; null when absent." },
  ],
};
