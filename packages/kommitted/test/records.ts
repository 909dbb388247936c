// Test helpers: __consumer_offsets records built with konsumer-offsets' encoder, so tests go through real bytes.
import { encode, encodeConsumerAssignment, encodeConsumerSubscription } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";

/** Key and value bytes of a record. */
export type Bytes = { key: Uint8Array; value: Uint8Array | null };

/** An OffsetCommit value v3 (what 3.9 writes) or v4 with a topic ID (what 4.4 writes). */
export function commit(group: string, topic: string, partition: number, offset: number, commitTimestamp: number, topicId?: string): Bytes {
  return encode({
    type: "OffsetCommit",
    recordType: 1,
    key: { group, topic, partition },
    tombstone: false,
    value: {
      version: topicId === undefined ? 3 : 4,
      offset: BigInt(offset),
      leaderEpoch: 0,
      metadata: "",
      commitTimestamp: BigInt(commitTimestamp),
      expireTimestamp: -1n,
      ...(topicId === undefined ? {} : { topicId }),
    },
  } as OffsetsRecord);
}

/** An OffsetCommit tombstone. */
export function commitTombstone(group: string, topic: string, partition: number): Bytes {
  return encode({ type: "OffsetCommit", recordType: 1, key: { group, topic, partition }, tombstone: true, value: null } as OffsetsRecord);
}

/** A classic consumer group (GroupMetadata v3) with members and consumer-protocol assignments. */
export function classicGroup(group: string, members: { memberId: string; clientId: string; clientHost: string; assigned: { topic: string; partitions: number[] }[] }[]): Bytes {
  return encode({
    type: "GroupMetadata",
    recordType: 2,
    key: { group },
    tombstone: false,
    value: {
      version: 3,
      protocolType: "consumer",
      generation: 7,
      protocol: "range",
      leader: members[0]?.memberId ?? null,
      currentStateTimestamp: 1000n,
      members: members.map((m) => {
        const subscription = encodeConsumerSubscription({ version: 3, topics: m.assigned.map((a) => a.topic), userData: null, ownedPartitions: [], generationId: 7, rackId: null });
        const assignment = encodeConsumerAssignment({ version: 3, assignedPartitions: m.assigned, userData: null });
        return {
          memberId: m.memberId,
          groupInstanceId: null,
          clientId: m.clientId,
          clientHost: m.clientHost,
          rebalanceTimeout: 300000,
          sessionTimeout: 45000,
          subscription: { kind: "raw", reason: "malformed", message: "", bytes: subscription },
          assignment: { kind: "raw", reason: "malformed", message: "", bytes: assignment },
        };
      }),
    },
  } as OffsetsRecord);
}

/** A GroupMetadata tombstone. */
export function classicGroupTombstone(group: string): Bytes {
  return encode({ type: "GroupMetadata", recordType: 2, key: { group }, tombstone: true, value: null } as OffsetsRecord);
}

/** A consumer group (KIP-848): metadata (3), member (5) and current assignment (8) records. */
export function consumerGroup(group: string, epoch: number, members: { memberId: string; clientId: string; clientHost: string; assigned: { topicId: string; partitions: number[] }[] }[]): Bytes[] {
  const out: Bytes[] = [encode({ type: "ConsumerGroupMetadata", recordType: 3, key: { groupId: group }, tombstone: false, value: { version: 0, epoch, metadataHash: 0n } } as OffsetsRecord)];
  for (const m of members) {
    out.push(
      encode({
        type: "ConsumerGroupMemberMetadata",
        recordType: 5,
        key: { groupId: group, memberId: m.memberId },
        tombstone: false,
        value: {
          version: 0,
          instanceId: null,
          rackId: null,
          clientId: m.clientId,
          clientHost: m.clientHost,
          subscribedTopicNames: [],
          subscribedTopicRegex: null,
          rebalanceTimeoutMs: 300000,
          serverAssignor: "uniform",
          classicMemberMetadata: null,
        },
      } as OffsetsRecord),
      encode({
        type: "ConsumerGroupCurrentMemberAssignment",
        recordType: 8,
        key: { groupId: group, memberId: m.memberId },
        tombstone: false,
        value: {
          version: 0,
          memberEpoch: epoch,
          previousMemberEpoch: epoch - 1,
          state: 0,
          assignedPartitions: m.assigned.map((a) => ({ ...a, assignmentEpochs: null })),
          partitionsPendingRevocation: [],
        },
      } as OffsetsRecord),
    );
  }
  return out;
}

/** Tombstones that delete a consumer group member and then the group. */
export function consumerGroupTombstones(group: string, memberIds: string[]): Bytes[] {
  const out: Bytes[] = [];
  for (const memberId of memberIds) {
    out.push(encode({ type: "ConsumerGroupCurrentMemberAssignment", recordType: 8, key: { groupId: group, memberId }, tombstone: true, value: null } as OffsetsRecord));
    out.push(encode({ type: "ConsumerGroupMemberMetadata", recordType: 5, key: { groupId: group, memberId }, tombstone: true, value: null } as OffsetsRecord));
  }
  out.push(encode({ type: "ConsumerGroupMetadata", recordType: 3, key: { groupId: group }, tombstone: true, value: null } as OffsetsRecord));
  return out;
}

/** A share group (KIP-932): metadata (11, 4.1 layout), member (10) and current assignment (14) records. */
export function shareGroup(group: string, epoch: number, memberId: string, assigned: { topicId: string; partitions: number[] }[]): Bytes[] {
  return [
    encode({ type: "ShareGroupMetadata", recordType: 11, key: { groupId: group }, tombstone: false, value: { version: 0, layout: "4.1", epoch, metadataHash: 0n } } as OffsetsRecord),
    encode({
      type: "ShareGroupMemberMetadata",
      recordType: 10,
      key: { groupId: group, memberId },
      tombstone: false,
      value: { version: 0, rackId: null, clientId: "share-client", clientHost: "/10.9.9.9", subscribedTopicNames: ["orders"] },
    } as OffsetsRecord),
    encode({
      type: "ShareGroupCurrentMemberAssignment",
      recordType: 14,
      key: { groupId: group, memberId },
      tombstone: false,
      value: { version: 0, memberEpoch: epoch, previousMemberEpoch: epoch - 1, state: 0, assignedPartitions: assigned },
    } as OffsetsRecord),
  ];
}

/** A streams group (KIP-1071): metadata (17), topology (23), member (19) and current assignment (22) records. */
export function streamsGroup(group: string, memberId: string, sourceTopic: string, repartitionTopic: string, partitions: number[]): Bytes[] {
  const tasks = (list: number[]) => [{ subtopologyId: "0", partitions: list, assignmentEpochs: null }];
  return [
    encode({
      type: "StreamsGroupMetadata",
      recordType: 17,
      key: { groupId: group },
      tombstone: false,
      value: { version: 0, epoch: 4, metadataHash: 0n, validatedTopologyEpoch: 0, lastAssignmentConfigs: null, storedDescriptionTopologyEpoch: -1, failedDescriptionTopologyEpoch: -1 },
    } as OffsetsRecord),
    encode({
      type: "StreamsGroupTopology",
      recordType: 23,
      key: { groupId: group },
      tombstone: false,
      value: {
        version: 0,
        epoch: 0,
        subtopologies: [
          {
            subtopologyId: "0",
            sourceTopics: [sourceTopic],
            sourceTopicRegex: [],
            stateChangelogTopics: [],
            repartitionSinkTopics: [],
            repartitionSourceTopics: [{ name: repartitionTopic, partitions: 0, replicationFactor: 0, topicConfigs: [] }],
            copartitionGroups: [],
          },
        ],
      },
    } as OffsetsRecord),
    encode({
      type: "StreamsGroupMemberMetadata",
      recordType: 19,
      key: { groupId: group, memberId },
      tombstone: false,
      value: { version: 0, instanceId: null, rackId: null, clientId: "streams-app", clientHost: "/10.7.7.7", rebalanceTimeoutMs: 300000, topologyEpoch: 0, processId: "p-1", userEndpoint: null, clientTags: [] },
    } as OffsetsRecord),
    encode({
      type: "StreamsGroupCurrentMemberAssignment",
      recordType: 22,
      key: { groupId: group, memberId },
      tombstone: false,
      value: {
        version: 0,
        memberEpoch: 4,
        previousMemberEpoch: 3,
        state: 0,
        activeTasks: tasks(partitions),
        standbyTasks: [],
        warmupTasks: [],
        activeTasksPendingRevocation: [],
        standbyTasksPendingRevocation: [],
        warmupTasksPendingRevocation: [],
      },
    } as OffsetsRecord),
  ];
}
