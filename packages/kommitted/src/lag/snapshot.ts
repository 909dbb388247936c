/**
 * Builds the lag snapshot of every group as of one instant: committed offsets (share groups: share-partition start
 * offsets) from the registry, end offsets from the
 * last poll, time lag by the configured method, health from each partition's window.
 */
import type { Filters } from "../filters.js";
import { NO_FILTERS } from "../filters.js";
import type { HealthRules, PartitionStatus } from "../health/rules.js";
import { evaluatePartition, worstStatus } from "../health/rules.js";
import { HealthWindow } from "../health/window.js";
import type { GroupType } from "../state/events.js";
import type { GroupRegistry, GroupState } from "../state/groups.js";
import { GroupRegistry as Registry } from "../state/groups.js";
import type { PartitionOffsetsStore } from "../state/partition-offsets.js";
import type { CommitHistory, CommitRate } from "./commit-rate.js";
import { commitAge, offsetLag } from "./offset-lag.js";
import type { RecordTimestamps } from "./record-timestamps.js";

/** What the calculator needs of the record-timestamp fetcher: cached answers, and asking for a read. */
export type TimestampSource = Pick<RecordTimestamps, "get" | "request">;
import type { TimeLag } from "./time-lag.js";
import { estimateTimeLag, exactTimeLag, rebaseTimeLag } from "./time-lag.js";

/**
 * How time lag is measured:
 * - `auto` (the default): interpolates the end-offset history where it reaches back to the committed offset, and reads
 *   the timestamp of the record at the committed offset (once, cached) where it does not;
 * - `estimate`: the history only (no reads; a lower bound beyond the history);
 * - `exact`: reads the record timestamp of every lagging partition.
 */
export type LagMode = "auto" | "estimate" | "exact";

/** Every lag mode, the default first. */
export const LAG_MODES: readonly LagMode[] = ["auto", "estimate", "exact"];

/** The member that owns a partition. */
export interface PartitionOwner {
  /** Member ID. */
  memberId: string;
  /** Member host. */
  clientHost: string;
  /** Member `client.id`. */
  clientId: string;
}

/** Lag of one group on one partition. */
export interface PartitionLag {
  /** Topic. */
  topic: string;
  /** Partition. */
  partition: number;
  /** Committed offset (next to read); for a share group, the share-partition start offset (SPSO). */
  committedOffset: number;
  /** When it was committed (ms); for a share group, when its share state was last written; -1 when unknown (admin source). */
  commitTimestamp: number;
  /** Now minus the commit timestamp (ms); null when the commit time is unknown. */
  commitAgeMs: number | null;
  /** Earliest available offset. */
  earliestOffset: number;
  /** Latest offset (end). */
  latestOffset: number;
  /** max(0, latest - committed). */
  offsetLag: number;
  /** Time lag and its method. */
  timeLag: TimeLag;
  /** Commit and consumption rates. */
  commitRate: CommitRate;
  /** Health over the window. */
  status: PartitionStatus;
  /** True if the end offsets could not be listed at the last poll (values are the last known). */
  stale: boolean;
  /** When the end offsets were listed (ms). */
  observedAt: number;
  /** The committed offset is below the earliest available: the group will skip records when it resumes. */
  committedBeforeEarliest: boolean;
  /** Member that owns the partition, if any. */
  owner: PartitionOwner | null;
}

/** A member with its assignment. */
export interface MemberView {
  /** Member ID. */
  memberId: string;
  /** Static instance ID. */
  instanceId: string | null;
  /** `client.id`. */
  clientId: string;
  /** Host. */
  clientHost: string;
  /** Rack. */
  rackId: string | null;
  /** Assigned partitions by topic. */
  assignment: { topic: string; partitions: number[] }[];
}

/** One group's snapshot. */
export interface GroupLag {
  /** Group ID. */
  group: string;
  /** Group type. */
  type: GroupType;
  /** Classic protocol type (`consumer`, `connect`...), null for modern or offsets-only groups. */
  protocolType: string | null;
  /** Classic assignor. */
  protocol: string | null;
  /** Generation (classic) or group epoch (modern); -1 if unknown. */
  epoch: number;
  /** Members. */
  members: MemberView[];
  /** Lag per committed partition (share groups: per share-partition with state) whose topic exists. */
  partitions: PartitionLag[];
  /** Worst partition status. */
  status: PartitionStatus;
  /** Sum of offset lags. */
  totalOffsetLag: number;
  /** Largest known time lag (ms), null if none known. */
  maxTimeLagMs: number | null;
}

/** The state of every group as of `asOf`. */
export interface LagSnapshot {
  /** The instant every time lag and commit age is measured against (ms): when it was computed, or re-based to. */
  asOf: number;
  /** Groups by ID. */
  groups: Map<string, GroupLag>;
  /** Topic IDs seen in assignments that metadata does not know yet (the poller refreshes metadata for them). */
  unresolvedTopicIds: Set<string>;
}

/**
 * Values by topic, then partition: looked up without building a string key per partition (building one per group
 * partition per poll was the hottest spot of a poll, measured at 10,000 partitions).
 */
class ByPartition<V> {
  readonly #topics = new Map<string, Map<number, V>>();

  /** The value of a partition, if any. */
  get(topic: string, partition: number): V | undefined {
    return this.#topics.get(topic)?.get(partition);
  }

  /** Sets the value of a partition. */
  set(topic: string, partition: number, value: V): void {
    let partitions = this.#topics.get(topic);
    if (partitions === undefined) this.#topics.set(topic, (partitions = new Map()));
    partitions.set(partition, value);
  }
}

/** What every partition of one group's snapshot shares. */
interface PartitionContext {
  /** Owner of each partition. */
  readonly owners: ByPartition<PartitionOwner>;
  /** The group's health windows of the previous snapshot, if any. */
  readonly previousWindows: ByPartition<HealthWindow> | undefined;
  /** The group's health windows of this snapshot, filled as partitions are computed. */
  readonly windows: ByPartition<HealthWindow>;
  /** The snapshot's instant (ms). */
  readonly nowMs: number;
}

/** Computes snapshots and keeps each group partition's health window between them. */
export class LagCalculator {
  readonly #registry: GroupRegistry;
  readonly #store: PartitionOffsetsStore;
  readonly #rules: HealthRules;
  readonly #mode: LagMode;
  readonly #timestamps: TimestampSource | undefined;
  readonly #filters: Filters;
  /** Health windows by group, then partition. */
  #windows = new Map<string, ByPartition<HealthWindow>>();

  constructor(options: { registry: GroupRegistry; store: PartitionOffsetsStore; rules: HealthRules; mode: LagMode; timestamps?: TimestampSource; filters?: Filters }) {
    this.#registry = options.registry;
    this.#store = options.store;
    this.#rules = options.rules;
    this.#mode = options.mode;
    this.#timestamps = options.timestamps;
    this.#filters = options.filters ?? NO_FILTERS;
  }

  /** Computes the snapshot as of `nowMs` and advances health windows. */
  compute(nowMs: number): LagSnapshot {
    const groups = new Map<string, GroupLag>();
    const unresolvedTopicIds = new Set<string>();
    const windows = new Map<string, ByPartition<HealthWindow>>();
    const topicFilter = this.#filters.topics;
    for (const group of this.#registry.groups()) {
      if (!this.#filters.groups.accepts(group.name)) continue;
      const { members, owners } = this.#members(group, unresolvedTopicIds);
      const partitions: PartitionLag[] = [];
      const groupWindows = new ByPartition<HealthWindow>();
      windows.set(group.name, groupWindows);
      const context: PartitionContext = { owners, previousWindows: this.#windows.get(group.name), windows: groupWindows, nowMs };
      for (const [topic, commits] of group.commits) {
        if (!topicFilter.accepts(topic)) continue;
        for (const commit of commits.values()) {
          const lag = this.#partitionLag(context, topic, commit.partition, commit.offset, commit.commitTimestamp, commit.history);
          if (lag !== undefined) partitions.push(lag);
        }
      }
      // share groups: the share-partition start offset plays the committed offset (see the README: what it means)
      for (const [topicId, progress] of group.shareProgress) {
        const topic = this.#store.topicName(topicId);
        if (topic === undefined) {
          unresolvedTopicIds.add(topicId);
          continue;
        }
        if (!topicFilter.accepts(topic)) continue;
        for (const p of progress.values()) {
          if (p.startOffset < 0) continue; // not initialized yet: nothing to measure from
          const lag = this.#partitionLag(context, topic, p.partition, p.startOffset, p.writeTimestamp, p.history);
          if (lag !== undefined) partitions.push(lag);
        }
      }
      // with a topic filter, a group with nothing left to report is left out
      if (!topicFilter.acceptsAll && partitions.length === 0 && members.every((m) => m.assignment.length === 0)) continue;
      let totalOffsetLag = 0;
      let maxTimeLagMs: number | null = null;
      for (const p of partitions) {
        totalOffsetLag += p.offsetLag;
        if (p.timeLag.ms !== null) maxTimeLagMs = Math.max(maxTimeLagMs ?? 0, p.timeLag.ms);
      }
      groups.set(group.name, {
        group: group.name,
        type: group.type,
        protocolType: group.protocolType,
        protocol: group.protocol,
        epoch: group.epoch,
        members,
        partitions,
        status: worstStatus(partitions.map((p) => p.status)),
        totalOffsetLag,
        maxTimeLagMs,
      });
    }
    this.#windows = windows; // windows of vanished groups, offsets and topics go with them
    return { asOf: nowMs, groups, unresolvedTopicIds };
  }

  /** Lag of one group partition from its committed (or share start) offset; undefined while its end offsets are unknown. */
  #partitionLag(context: PartitionContext, topic: string, partition: number, committed: number, commitTimestamp: number, commits: CommitHistory): PartitionLag | undefined {
    const { owners, previousWindows, windows, nowMs } = context;
    const offsets = this.#store.get(topic, partition);
    if (offsets === undefined || Number.isNaN(offsets.observedAt)) return undefined; // topic unknown or not polled yet
    const lag = offsetLag(committed, offsets.latest);
    const timeLag = this.#timeLag(topic, partition, committed, offsets, nowMs);
    const window = previousWindows?.get(topic, partition) ?? new HealthWindow(this.#rules.windowSize);
    if (!offsets.stale) window.push({ time: nowMs, committed, lag, commitTimestamp });
    windows.set(topic, partition, window);
    return {
      topic,
      partition,
      committedOffset: committed,
      commitTimestamp,
      commitAgeMs: commitAge(commitTimestamp, nowMs),
      earliestOffset: offsets.earliest,
      latestOffset: offsets.latest,
      offsetLag: lag,
      timeLag,
      commitRate: commits.rate(),
      status: evaluatePartition(window.samples, this.#rules, nowMs),
      stale: offsets.stale,
      observedAt: offsets.observedAt,
      committedBeforeEarliest: committed < offsets.earliest,
      owner: owners.get(topic, partition) ?? null,
    };
  }

  /**
   * Time lag by the configured mode. Where a record timestamp is wanted but not read yet, the estimate is served (a
   * `history-lower-bound` when the history does not reach the committed offset) and the read is asked for.
   */
  #timeLag(topic: string, partition: number, committed: number, offsets: { earliest: number; latest: number; history: Parameters<typeof estimateTimeLag>[0] }, nowMs: number): TimeLag {
    const { earliest, latest, history } = offsets;
    const estimate = estimateTimeLag(history, committed, latest, nowMs);
    const timestamps = this.#timestamps;
    if (this.#mode === "estimate" || timestamps === undefined || committed >= latest) return estimate;
    if (this.#mode === "auto" && estimate.method === "interpolated") return estimate;
    const known = timestamps.get(topic, partition, committed);
    if (known === undefined) {
      timestamps.request(topic, partition, committed, nowMs);
      return estimate;
    }
    // a record read past the committed offset because retention deleted it gives a lower bound; past a compaction gap
    // or a transaction marker it is the next record the group will read
    const gone = known.recordOffset > committed && committed < earliest;
    return exactTimeLag(known.timestamp, committed, latest, nowMs, gone);
  }

  #members(group: GroupState, unresolved: Set<string>): { members: MemberView[]; owners: ByPartition<PartitionOwner> } {
    const members: MemberView[] = [];
    const owners = new ByPartition<PartitionOwner>();
    for (const member of group.members.values()) {
      const { assigned, unresolvedTopicIds } = Registry.assignmentOf(group, member, (id) => this.#store.topicName(id));
      for (const id of unresolvedTopicIds) unresolved.add(id);
      const reported = this.#filters.topics.acceptsAll ? assigned : assigned.filter((tp) => this.#filters.topics.accepts(tp.topic));
      const owner: PartitionOwner = { memberId: member.memberId, clientHost: member.clientHost, clientId: member.clientId };
      for (const tp of reported) for (const p of tp.partitions) owners.set(tp.topic, p, owner);
      members.push({
        memberId: member.memberId,
        instanceId: member.instanceId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        rackId: member.rackId,
        assignment: reported,
      });
    }
    return { members, owners };
  }
}

/**
 * The snapshot seen at `nowMs` (not before its own instant): offsets and statuses as polled, time lags and commit
 * ages measured against `nowMs`, so that a value read between two polls is not a poll interval old.
 */
export function rebaseSnapshot(snapshot: LagSnapshot, nowMs: number): LagSnapshot {
  const delta = nowMs - snapshot.asOf;
  if (delta <= 0) return snapshot;
  const groups = new Map<string, GroupLag>();
  for (const [name, group] of snapshot.groups) {
    let maxTimeLagMs: number | null = null;
    const partitions = group.partitions.map((p) => {
      const timeLag = rebaseTimeLag(p.timeLag, delta);
      if (timeLag.ms !== null) maxTimeLagMs = Math.max(maxTimeLagMs ?? 0, timeLag.ms);
      return { ...p, timeLag, commitAgeMs: commitAge(p.commitTimestamp, nowMs) };
    });
    groups.set(name, { ...group, partitions, maxTimeLagMs });
  }
  return { asOf: nowMs, groups, unresolvedTopicIds: snapshot.unresolvedTopicIds };
}
