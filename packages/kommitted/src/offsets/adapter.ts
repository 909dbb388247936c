/**
 * The one module that knows the shapes of `@kafkesc/konsumer-offsets` records: it turns each decoded record into the
 * group events kommitted's registry applies. If the library's API drifts, this file is the only one to change.
 *
 * Record types and what they mean here (Kafka's `group-coordinator/src/main/resources/common/message/*.json`):
 * - 0, 1 OffsetCommit: a commit (tombstone: the offset was deleted, expired, or its topic deleted).
 * - 2 GroupMetadata: a classic group with its members and consumer-protocol assignments (tombstone: group gone).
 * - 3 / 11 / 17 Consumer/Share/Streams GroupMetadata: a modern group and its epoch (tombstone: group gone).
 * - 5 / 10 / 19 ...MemberMetadata: a member of a modern group (tombstone: member left).
 * - 8 / 14 ...CurrentMemberAssignment (consumer, share): partitions owned by a member, by topic ID.
 * - 22 StreamsGroupCurrentMemberAssignment: active tasks of a streams member; 23 StreamsGroupTopology maps tasks to topics.
 * - 4 / 9 / 18 ...PartitionMetadata, 15 ShareGroupStatePartitionMetadata: topic ID to name pairs.
 * - 6, 7, 12, 13, 16, 20, 21, 24 and unknown types: target assignments and regex resolutions, not needed for lag.
 */
import { decode, topicNamesOf } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";
import type { ClassicMemberInfo, GroupEvent, StreamsTasks, TopicIdPartitions } from "../state/events.js";

const NONE: readonly GroupEvent[] = Object.freeze([]);

/** A decoded record's events, or why it could not be decoded (a malformed record of a known type). */
export type DecodeOutcome = { ok: true; recordType: number; events: readonly GroupEvent[] } | { ok: false; error: Error };

/** Decodes one `__consumer_offsets` record (key and value bytes) into group events; never throws. */
export function decodeEvents(key: Uint8Array, value: Uint8Array | null): DecodeOutcome {
  try {
    const record = decode(key, value);
    return { ok: true, recordType: record.recordType, events: eventsOf(record) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Group events that one decoded `__consumer_offsets` record carries (none for records lag does not need). */
export function eventsOf(record: OffsetsRecord): readonly GroupEvent[] {
  switch (record.type) {
    case "OffsetCommit": {
      const { group, topic, partition } = record.key;
      if (record.tombstone) return [{ kind: "offset-delete", group, topic, partition }];
      const v = record.value;
      const commit: GroupEvent = {
        kind: "offset-commit",
        group,
        topic,
        partition,
        offset: Number(v.offset),
        commitTimestamp: Number(v.commitTimestamp),
        leaderEpoch: v.leaderEpoch,
        metadata: v.metadata,
      };
      const names = topicNames(record);
      return names === undefined ? [commit] : [names, commit];
    }
    case "GroupMetadata": {
      const group = record.key.group;
      if (record.tombstone) return [{ kind: "group-delete", group, groupType: "classic" }];
      const v = record.value;
      const members: ClassicMemberInfo[] = v.members.map((m) => ({
        memberId: m.memberId,
        instanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        assignment: m.assignment.kind === "consumer" ? m.assignment.assignedPartitions.map((tp) => ({ topic: tp.topic, partitions: tp.partitions })) : null,
      }));
      return [
        {
          kind: "classic-group",
          group,
          protocolType: v.protocolType,
          protocol: v.protocol,
          generation: v.generation,
          leader: v.leader,
          stateTimestamp: Number(v.currentStateTimestamp),
          members,
        },
      ];
    }
    case "ConsumerGroupMetadata":
    case "ShareGroupMetadata":
    case "StreamsGroupMetadata": {
      const groupType = record.type === "ConsumerGroupMetadata" ? "consumer" : record.type === "ShareGroupMetadata" ? "share" : "streams";
      const group = record.key.groupId;
      if (record.tombstone) return [{ kind: "group-delete", group, groupType }];
      return [{ kind: "group-epoch", group, groupType, epoch: record.value.epoch }];
    }
    case "ConsumerGroupMemberMetadata":
    case "ShareGroupMemberMetadata":
    case "StreamsGroupMemberMetadata": {
      const groupType = record.type === "ConsumerGroupMemberMetadata" ? "consumer" : record.type === "ShareGroupMemberMetadata" ? "share" : "streams";
      const { groupId: group, memberId } = record.key;
      if (record.tombstone) return [{ kind: "member-delete", group, groupType, memberId }];
      const v = record.value;
      return [
        {
          kind: "member",
          group,
          groupType,
          memberId,
          instanceId: "instanceId" in v ? v.instanceId : null,
          rackId: v.rackId,
          clientId: v.clientId,
          clientHost: v.clientHost,
        },
      ];
    }
    case "ConsumerGroupCurrentMemberAssignment":
    case "ShareGroupCurrentMemberAssignment": {
      const groupType = record.type === "ConsumerGroupCurrentMemberAssignment" ? "consumer" : "share";
      const { groupId: group, memberId } = record.key;
      if (record.tombstone) return [{ kind: "member-assignment-delete", group, groupType, memberId }];
      const assigned: TopicIdPartitions[] = record.value.assignedPartitions.map((tp) => ({ topicId: tp.topicId, partitions: tp.partitions }));
      return [{ kind: "member-assignment", group, groupType, memberId, memberEpoch: record.value.memberEpoch, assigned }];
    }
    case "StreamsGroupCurrentMemberAssignment": {
      const { groupId: group, memberId } = record.key;
      if (record.tombstone) return [{ kind: "member-assignment-delete", group, groupType: "streams", memberId }];
      const activeTasks: StreamsTasks[] = record.value.activeTasks.map((t) => ({ subtopologyId: t.subtopologyId, partitions: t.partitions }));
      return [{ kind: "streams-member-assignment", group, memberId, memberEpoch: record.value.memberEpoch, activeTasks }];
    }
    case "StreamsGroupTopology": {
      const group = record.key.groupId;
      if (record.tombstone) return [{ kind: "streams-topology-delete", group }];
      const subtopologies = record.value.subtopologies.map((s) => ({
        subtopologyId: s.subtopologyId,
        sourceTopics: [...s.sourceTopics, ...s.repartitionSourceTopics.map((t) => t.name)],
      }));
      return [{ kind: "streams-topology", group, subtopologies }];
    }
    case "ConsumerGroupPartitionMetadata":
    case "ShareGroupPartitionMetadata":
    case "StreamsGroupPartitionMetadata":
    case "ShareGroupStatePartitionMetadata": {
      // whatever the layout (type 9 as Kafka 3.9 wrote it, type 15 before and after 4.1): the library reads it
      const names = topicNames(record);
      return names === undefined ? NONE : [names];
    }
    default:
      return NONE;
  }
}

/** The `topic-names` event of the topic ids and names a record states (`topicNamesOf`), or undefined when it states none. */
function topicNames(record: OffsetsRecord): GroupEvent | undefined {
  const names = topicNamesOf(record);
  return names.length === 0 ? undefined : { kind: "topic-names", names: names.map((t) => ({ topicId: t.topicId, topic: t.topicName })) };
}
