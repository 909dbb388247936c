/** JSON views of the REST API, built from the monitor's latest snapshot and store. */
import type { GroupLag, LagSnapshot } from "../lag/snapshot.js";
import { maxTimeLagMsAfter, rebaseGroup } from "../lag/snapshot.js";
import type { MonitorView } from "../monitor.js";
import type { LagHistory, LagSample } from "./lag-history.js";

/** One line of `GET /groups`. */
export interface GroupSummary {
  /** Group ID. */
  group: string;
  /** Group type. */
  type: GroupLag["type"];
  /** Health. */
  status: GroupLag["status"];
  /** Members. */
  members: number;
  /** Partitions with a commit whose topic exists. */
  partitions: number;
  /** Sum of offset lags. */
  totalOffsetLag: number;
  /** Largest known time lag (ms). */
  maxTimeLagMs: number | null;
}

/** The last poll's snapshot and the instant a read measures time lags and commit ages against (never before the poll). */
export interface SnapshotRead {
  snapshot: LagSnapshot;
  at: number;
}

/**
 * The last poll's snapshot as read now. It is rewritten in place by the next poll: the views read it at once and copy
 * only what they answer, a scrape keeps its own values (the monitor's `snapshot` would copy every group partition).
 */
export function readSnapshot(monitor: MonitorView): SnapshotRead | undefined {
  const snapshot = monitor.polled;
  return snapshot === undefined ? undefined : { snapshot, at: Math.max(snapshot.asOf, monitor.readAt) };
}

/** `GET /groups`. */
export function groupsView(monitor: MonitorView): { asOf: number | null; groups: GroupSummary[] } {
  const read = readSnapshot(monitor);
  if (read === undefined) return { asOf: null, groups: [] };
  const sinceSnapshot = read.at - read.snapshot.asOf;
  const groups = [...read.snapshot.groups.values()].map((g) => ({
    group: g.group,
    type: g.type,
    status: g.status,
    members: g.members.length,
    partitions: g.partitions.length,
    totalOffsetLag: g.totalOffsetLag,
    maxTimeLagMs: maxTimeLagMsAfter(g, sinceSnapshot),
  }));
  groups.sort((a, b) => a.group.localeCompare(b.group));
  return { asOf: read.at, groups };
}

/** `GET /groups/:group`: the group as of the last poll, time lags and commit ages as of now; undefined if unknown. */
export function groupView(monitor: MonitorView, name: string): ({ asOf: number } & GroupLag) | undefined {
  const read = readSnapshot(monitor);
  const group = read?.snapshot.groups.get(name);
  if (read === undefined || group === undefined) return undefined;
  return { asOf: read.at, ...rebaseGroup(group, read.snapshot.asOf, read.at) };
}

/** `GET /topics`: tracked topics with each partition's offsets and the groups reading them. */
export function topicsView(monitor: MonitorView): { topics: { topic: string; topicId: string | null; partitions: unknown[]; groups: string[] }[] } {
  const groupsByTopic = new Map<string, Set<string>>();
  for (const g of monitor.polled?.groups.values() ?? []) {
    for (const p of g.partitions) {
      let set = groupsByTopic.get(p.topic);
      if (set === undefined) groupsByTopic.set(p.topic, (set = new Set()));
      set.add(g.group);
    }
  }
  const topics = [...monitor.store.trackedTopics()].sort().map((topic) => ({
    topic,
    topicId: monitor.store.topic(topic)?.topicId ?? null,
    partitions: [...(monitor.store.partitionsOf(topic)?.values() ?? [])]
      .sort((a, b) => a.partition - b.partition)
      .map((p) => ({
        partition: p.partition,
        earliestOffset: p.earliest,
        latestOffset: p.latest,
        observedAt: Number.isNaN(p.observedAt) ? null : p.observedAt,
        stale: p.stale,
        lastError: p.lastError,
        historySamples: p.history.size,
      })),
    groups: [...(groupsByTopic.get(topic) ?? [])].sort(),
  }));
  return { topics };
}

/** `GET /history`: the lag samples of the named groups (unknown ones are left out), with the history's bounds. */
export function historyView(monitor: MonitorView, history: LagHistory, groups: readonly string[]): { asOf: number | null; stepMs: number; capacity: number; groups: { group: string; samples: LagSample[] }[] } {
  const out: { group: string; samples: LagSample[] }[] = [];
  for (const group of groups) {
    const samples = history.series(group);
    if (samples !== undefined) out.push({ group, samples });
  }
  return { asOf: readSnapshot(monitor)?.at ?? null, stepMs: history.stepMs, capacity: history.capacity, groups: out };
}
