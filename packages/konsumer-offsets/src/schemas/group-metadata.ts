/**
 * Record type 2: a classic group's state after a rebalance. Mirrors apache/kafka
 * `group-coordinator/src/main/resources/common/message/GroupMetadataKey.json` and `GroupMetadataValue.json`.
 * @module
 */
import type { MessageSpec } from "../schema/model.js";
import { GC } from "./common.js";

/** Key of type 2. */
export const GROUP_METADATA_KEY: MessageSpec = {
  name: "GroupMetadataKey",
  source: `${GC}/GroupMetadataKey.json`,
  validVersions: "0",
  flexibleVersions: "none",
  doc: "Names the classic group. A tombstone with this key deletes the group (and Kafka then deletes its offsets too).",
  fields: [{ name: "group", kafkaName: "group", type: "string", versions: "0", doc: "The group id." }],
};

/** Value of type 2. */
export const GROUP_METADATA_VALUE: MessageSpec = {
  name: "GroupMetadataValue",
  source: `${GC}/GroupMetadataValue.json`,
  validVersions: "0-4",
  flexibleVersions: "4+",
  doc:
    "A classic group's generation and members. v0: Kafka 0.9; v1 adds rebalanceTimeout; v2 adds currentStateTimestamp; " +
    "v3 adds groupInstanceId (static membership, 2.3); v4 is flexible (not written by 4.4).",
  fields: [
    { name: "protocolType", kafkaName: "protocolType", type: "string", versions: "0+", doc: "consumer, connect, or empty: tells how to read the members' subscription and assignment." },
    { name: "generation", kafkaName: "generation", type: "int32", versions: "0+", doc: "The generation: how many rebalances the group went through." },
    { name: "protocol", kafkaName: "protocol", type: "string", versions: "0+", nullableVersions: "0+", doc: "The chosen protocol (for consumers, the assignor); null when the group is empty." },
    { name: "leader", kafkaName: "leader", type: "string", versions: "0+", nullableVersions: "0+", doc: "Member id of the leader, who computed the assignment; null when empty." },
    { name: "currentStateTimestamp", kafkaName: "currentStateTimestamp", type: "int64", versions: "2+", default: -1n, doc: "When the group last changed state, ms since the epoch (v2+)." },
    {
      name: "members", kafkaName: "members", type: "[]MemberMetadata", typeName: "GroupMetadataMember", versions: "0+", doc: "The members of this generation.",
      fields: [
        { name: "memberId", kafkaName: "memberId", type: "string", versions: "0+", doc: "The member id given by the coordinator (client.id-uuid)." },
        { name: "groupInstanceId", kafkaName: "groupInstanceId", type: "string", versions: "3+", nullableVersions: "3+", default: null, doc: "The static member id (group.instance.id); null for dynamic members." },
        { name: "clientId", kafkaName: "clientId", type: "string", versions: "0+", doc: "The member's client.id." },
        { name: "clientHost", kafkaName: "clientHost", type: "string", versions: "0+", doc: "The member's host as the broker saw it." },
        { name: "rebalanceTimeout", kafkaName: "rebalanceTimeout", type: "int32", versions: "1+", default: -1, doc: "How long the member may take to rejoin a rebalance, ms (v1+)." },
        { name: "sessionTimeout", kafkaName: "sessionTimeout", type: "int32", versions: "0+", doc: "Session timeout, ms: no heartbeat for that long and the member is removed." },
        { name: "subscription", kafkaName: "subscription", type: "bytes", tsType: "MemberSubscription", versions: "0+", doc: "The subscription, in the format of the protocol type: decoded as a ConsumerProtocolSubscription when it is `consumer` (`kind: \"consumer\"`), raw bytes otherwise (`kind: \"raw\"`, with the reason)." },
        { name: "assignment", kafkaName: "assignment", type: "bytes", tsType: "MemberAssignment", versions: "0+", doc: "The assignment, in the format of the protocol type: decoded as a ConsumerProtocolAssignment when it is `consumer` (`kind: \"consumer\"`), raw bytes otherwise (`kind: \"raw\"`, with the reason)." },
      ],
    },
  ],
};
