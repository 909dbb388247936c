/**
 * The `admin` source's counterpart of `adapter.ts`: it turns what the Admin API answered (ListGroups, DescribeGroups,
 * OffsetFetch) into the same group events the offsets topic gives, so that state, lag and health code is shared.
 *
 * The Admin API gives a picture, not a log: each refresh is compared with the previous one and only the differences
 * become events (a new or moved commit, a member gone, a group gone). What the Admin API does not tell is marked
 * unknown, never guessed: commit timestamps (-1), group epochs and generations (-1), the classic leader (null).
 * Something a refresh could not learn (a DescribeGroups or OffsetFetch that failed for one group) keeps its last known
 * value rather than being read as deleted.
 */
import type { GroupEvent, GroupType, TopicPartitions } from "../state/events.js";

/** A group member as DescribeGroups reports it. */
export interface AdminMember {
  /** Member ID. */
  memberId: string;
  /** Static membership instance ID. */
  instanceId: string | null;
  /** The member's `client.id`. */
  clientId: string;
  /** The member's host. */
  clientHost: string;
  /** Assigned partitions, by topic name. */
  assignment: TopicPartitions[];
}

/** A committed offset as OffsetFetch reports it (no commit time: the API has none). */
export interface AdminCommit {
  /** Topic. */
  topic: string;
  /** Partition. */
  partition: number;
  /** Committed offset: the next offset the group will read. */
  offset: number;
  /** Leader epoch of the committed record (-1: none). */
  leaderEpoch: number;
  /** Metadata string the client attached. */
  metadata: string;
}

/** One group as one refresh learnt it. */
export interface AdminGroup {
  /** Group ID. */
  group: string;
  /** Group type, from ListGroups. */
  type: GroupType;
  /** Classic protocol type (`consumer`, `connect`..., empty for offsets-only groups); the type's name for modern groups. */
  protocolType: string;
  /** Assignor (classic groups), null if none or unknown. */
  protocol: string | null;
  /** Members, or null when DescribeGroups did not answer for this group this time (unknown: the last known stay). */
  members: AdminMember[] | null;
  /** Committed offsets, or null when OffsetFetch did not answer for this group this time (the last known stay). */
  commits: AdminCommit[] | null;
}

/** Every group of one refresh, by group ID. */
export type AdminGroups = ReadonlyMap<string, AdminGroup>;

/** Events of a refresh, and the state to compare the next refresh with (unknown parts carried over from `previous`). */
export interface AdminDiff {
  /** Events to apply, in order. */
  events: GroupEvent[];
  /** What is known after this refresh. */
  state: Map<string, AdminGroup>;
}

/** The events that turn what `previous` said into what `current` says (both as {@link AdminGroup}s). */
export function adminEvents(previous: AdminGroups, current: AdminGroups): AdminDiff {
  const events: GroupEvent[] = [];
  const state = new Map<string, AdminGroup>();
  for (const [name, now] of current) {
    const before = previous.get(name);
    const known: AdminGroup = { ...now, members: now.members ?? (before?.type === now.type ? before.members : null), commits: now.commits ?? before?.commits ?? null };
    state.set(name, known);
    metadataEvents(before, known, now.members !== null, events);
    commitEvents(name, before?.commits ?? null, known.commits, events);
  }
  for (const [name, before] of previous) {
    if (current.has(name)) continue;
    // the group is gone (deleted, or emptied and its offsets expired): its commits and metadata go with it
    commitEvents(name, before.commits, [], events);
    if (hasMetadata(before)) events.push({ kind: "group-delete", group: name, groupType: before.type });
  }
  return { events, state };
}

/** Whether the registry holds metadata for the group (an offsets-only classic group has none). */
function hasMetadata(group: AdminGroup): boolean {
  return group.type !== "classic" || group.protocolType !== "" || (group.members?.length ?? 0) > 0;
}

/** Metadata and membership events of one listed group. */
function metadataEvents(before: AdminGroup | undefined, now: AdminGroup, described: boolean, events: GroupEvent[]): void {
  const group = now.group;
  if (now.type === "classic") {
    if (!hasMetadata(now)) {
      if (before !== undefined && hasMetadata(before)) events.push({ kind: "group-delete", group, groupType: before.type });
      return;
    }
    if (!described && before?.type === "classic") return; // nothing new learnt
    events.push({
      kind: "classic-group",
      group,
      protocolType: now.protocolType,
      protocol: now.protocol,
      generation: -1,
      leader: null,
      stateTimestamp: -1,
      members: (now.members ?? []).map((m) => ({ memberId: m.memberId, instanceId: m.instanceId, clientId: m.clientId, clientHost: m.clientHost, assignment: m.assignment })),
    });
    return;
  }
  const groupType = now.type;
  if (before === undefined || before.type !== groupType || !hasMetadata(before)) events.push({ kind: "group-epoch", group, groupType, epoch: -1 });
  if (!described || now.members === null) return;
  const current = new Set<string>();
  for (const m of now.members) {
    current.add(m.memberId);
    events.push({ kind: "member", group, groupType, memberId: m.memberId, instanceId: m.instanceId, rackId: null, clientId: m.clientId, clientHost: m.clientHost });
    events.push({ kind: "member-assignment-by-name", group, groupType, memberId: m.memberId, assigned: m.assignment });
  }
  if (before?.type === groupType) for (const m of before.members ?? []) if (!current.has(m.memberId)) events.push({ kind: "member-delete", group, groupType, memberId: m.memberId });
}

/** Commit events between two lists of committed offsets of one group (null: not known, nothing to compare). */
function commitEvents(group: string, before: readonly AdminCommit[] | null, now: readonly AdminCommit[] | null, events: GroupEvent[]): void {
  if (now === null) return;
  const previous = new Map<string, AdminCommit>();
  for (const c of before ?? []) previous.set(`${c.topic}\u0000${c.partition}`, c);
  for (const c of now) {
    const key = `${c.topic}\u0000${c.partition}`;
    const old = previous.get(key);
    previous.delete(key);
    if (old !== undefined && old.offset === c.offset && old.leaderEpoch === c.leaderEpoch && old.metadata === c.metadata) continue;
    events.push({ kind: "offset-commit", group, topic: c.topic, partition: c.partition, offset: c.offset, commitTimestamp: -1, leaderEpoch: c.leaderEpoch, metadata: c.metadata });
  }
  for (const c of previous.values()) events.push({ kind: "offset-delete", group, topic: c.topic, partition: c.partition });
}
