import { describe, expect, it } from "vitest";
import type { RecordTimestamp } from "../src/lag/record-timestamps.js";
import { RecordTimestamps } from "../src/lag/record-timestamps.js";
import type { LagMode, TimestampSource } from "../src/lag/snapshot.js";
import { LagCalculator, rebaseSnapshot } from "../src/lag/snapshot.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";

/** A fetcher whose answers the test gives, recording what was asked. */
class FakeTimestamps implements TimestampSource {
  readonly answers = new Map<string, RecordTimestamp>();
  readonly requests: { topic: string; partition: number; offset: number; atMs: number | undefined }[] = [];
  get(topic: string, partition: number, offset: number): RecordTimestamp | undefined {
    return this.answers.get(`${topic}/${partition}/${offset}`);
  }
  request(topic: string, partition: number, offset: number, atMs?: number): void {
    this.requests.push({ topic, partition, offset, atMs });
  }
  answer(partition: number, offset: number, value: RecordTimestamp): void {
    this.answers.set(`t/${partition}/${offset}`, value);
  }
}

const commit = (group: string, partition: number, offset: number, commitTimestamp: number) =>
  ({ kind: "offset-commit", group, topic: "t", partition, offset, commitTimestamp, leaderEpoch: 0, metadata: "" }) as const;

/** A registry with group `g` committed at `offset` on partition 0, and a store that first saw the partition at t=10 s. */
function setup(mode: LagMode, offset: number) {
  const registry = new GroupRegistry();
  const store = new PartitionOffsetsStore(100);
  store.setTopics([{ name: "t", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0] }]);
  const timestamps = new FakeTimestamps();
  const calculator = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 600_000 }, mode, timestamps });
  registry.apply(commit("g", 0, offset, 9000));
  // kommitted starts at t=10 s: the partition already holds 1000 records, then 100 more arrive each second
  store.observe("t", 0, 0, 1000, 10_000);
  store.observe("t", 0, 0, 1100, 11_000);
  store.observe("t", 0, 0, 1200, 12_000);
  const lagAt = (now: number) => calculator.compute(now).groups.get("g")?.partitions[0]?.timeLag;
  return { registry, store, timestamps, lagAt };
}

describe("time lag in auto mode (the default)", () => {
  it("interpolates where the history covers the committed offset, without reading anything", () => {
    const { timestamps, lagAt } = setup("auto", 1049);
    expect(lagAt(12_000)).toEqual({ ms: 1500, method: "interpolated" });
    expect(timestamps.requests).toEqual([]);
  });

  it("reads the record timestamp where the history does not reach back, serving a labelled lower bound meanwhile", () => {
    const { timestamps, lagAt } = setup("auto", 400);
    expect(lagAt(12_000)).toEqual({ ms: 2000, method: "history-lower-bound" });
    expect(timestamps.requests).toEqual([{ topic: "t", partition: 0, offset: 400, atMs: 12_000 }]);
    timestamps.answer(0, 400, { timestamp: 1234, recordOffset: 400 });
    expect(lagAt(13_000)).toEqual({ ms: 13_000 - 1234, method: "record-timestamp" });
    expect(timestamps.requests).toHaveLength(1); // cached: asked once
  });

  it("reads from the start of the partition (reprocessing) the same way", () => {
    const { timestamps, lagAt } = setup("auto", 0);
    lagAt(12_000);
    timestamps.answer(0, 0, { timestamp: 500, recordOffset: 0 });
    expect(lagAt(12_500)).toEqual({ ms: 12_000, method: "record-timestamp" });
  });

  it("says lower bound when retention deleted the record, not when a compaction gap skipped it", () => {
    const gone = setup("auto", 100);
    gone.store.observe("t", 0, 300, 1200, 12_500); // records before 300 deleted
    gone.timestamps.answer(0, 100, { timestamp: 4000, recordOffset: 300 });
    expect(gone.lagAt(13_000)).toEqual({ ms: 9000, method: "retention-lower-bound" });

    const compacted = setup("auto", 100);
    compacted.timestamps.answer(0, 100, { timestamp: 4000, recordOffset: 103 });
    expect(compacted.lagAt(13_000)).toEqual({ ms: 9000, method: "record-timestamp" });
  });

  it("is 0 for a caught-up group, with no read", () => {
    const { timestamps, lagAt } = setup("auto", 1200);
    expect(lagAt(12_000)).toEqual({ ms: 0, method: "caught-up" });
    expect(timestamps.requests).toEqual([]);
  });
});

describe("the other modes", () => {
  it("estimate never reads: a lower bound beyond the history", () => {
    const { timestamps, lagAt } = setup("estimate", 400);
    expect(lagAt(12_000)).toEqual({ ms: 2000, method: "history-lower-bound" });
    expect(timestamps.requests).toEqual([]);
  });

  it("exact reads even where the history covers the committed offset", () => {
    const { timestamps, lagAt } = setup("exact", 1049);
    expect(lagAt(12_000)).toEqual({ ms: 1500, method: "interpolated" });
    expect(timestamps.requests).toHaveLength(1);
    timestamps.answer(0, 1049, { timestamp: 10_480, recordOffset: 1049 });
    expect(lagAt(12_000)).toEqual({ ms: 1520, method: "record-timestamp" });
  });
});

describe("rebaseSnapshot", () => {
  it("measures time lags and commit ages against the time of the read, keeping offsets and statuses", () => {
    const { registry, store, timestamps } = setup("auto", 400);
    registry.apply(commit("g", 1, 5, 9000));
    store.setTopics([{ name: "t", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] }]);
    store.observe("t", 1, 0, 5, 12_000);
    timestamps.answer(0, 400, { timestamp: 1000, recordOffset: 400 });
    const calculator = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 600_000 }, mode: "auto", timestamps });
    const snapshot = calculator.compute(12_000);
    const later = rebaseSnapshot(snapshot, 12_700);
    expect(later.asOf).toBe(12_700);
    const [p0, p1] = later.groups.get("g")!.partitions.sort((a, b) => a.partition - b.partition);
    expect(p0).toMatchObject({ offsetLag: 800, timeLag: { ms: 11_700, method: "record-timestamp" }, commitAgeMs: 3700 });
    expect(p1).toMatchObject({ offsetLag: 0, timeLag: { ms: 0, method: "caught-up" }, commitAgeMs: 3700 });
    expect(later.groups.get("g")?.maxTimeLagMs).toBe(11_700);
    expect(later.groups.get("g")?.status).toBe(snapshot.groups.get("g")?.status);
    expect(snapshot.groups.get("g")?.maxTimeLagMs).toBe(11_000); // the original is left alone
    expect(rebaseSnapshot(snapshot, 11_000)).toBe(snapshot); // never rebased into the past
  });
});

describe("RecordTimestamps requests", () => {
  const fetcher = () =>
    new RecordTimestamps({ brokers: "unused:1", kafkaConfig: {}, concurrency: 10, cacheSize: 100, roundTimeoutMs: 100, onWarning: () => undefined });

  it("keeps one read per partition, the latest offset wins, and says since when the oldest read waits", () => {
    const f = fetcher();
    expect(f.pendingSince()).toBeUndefined();
    f.request("t", 0, 10, 1000);
    f.request("t", 0, 10, 2000); // the same read asked again: still waiting since 1000
    f.request("t", 1, 5, 1500);
    expect(f.pending).toBe(2);
    expect(f.pendingSince()).toBe(1000);
    f.request("t", 0, 20, 3000); // the group moved on: the newer offset replaces the older read
    expect(f.pending).toBe(2);
    expect(f.pendingSince()).toBe(1500);
  });
});

describe("the calculator's newPartitionsAt (what readiness waits for)", () => {
  it("is the instant of the last snapshot that computed a group partition for the first time, when its read was asked for", () => {
    const registry = new GroupRegistry();
    const store = new PartitionOffsetsStore(100);
    store.setTopics([{ name: "t", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] }]);
    const timestamps = new FakeTimestamps();
    const calculator = new LagCalculator({ registry, store, rules: { windowSize: 3, stopAfterMs: 600_000 }, mode: "auto", timestamps });
    expect(calculator.newPartitionsAt).toBe(Number.NEGATIVE_INFINITY);
    registry.apply(commit("g", 0, 10, 9000));
    registry.apply(commit("g", 1, 10, 9000));
    // the first poll listed partition 0 only (partition 1 failed to list): the first snapshot computes partition 0
    store.observe("t", 0, 0, 1000, 10_000);
    expect(calculator.compute(10_000).groups.get("g")?.partitions.map((p) => p.partition)).toEqual([0]);
    expect(calculator.newPartitionsAt).toBe(10_000);
    store.observe("t", 0, 0, 1000, 11_000);
    calculator.compute(11_000);
    expect(calculator.newPartitionsAt).toBe(10_000); // nothing new
    // partition 1 is listed at last: the snapshot that first computes it asks for its read at its own instant
    store.observe("t", 0, 0, 1000, 12_000);
    store.observe("t", 1, 0, 1000, 12_000);
    expect(calculator.compute(12_000).groups.get("g")?.partitions.map((p) => p.partition)).toEqual([0, 1]);
    expect(calculator.newPartitionsAt).toBe(12_000);
    expect(timestamps.requests.filter((r) => r.partition === 1)).toEqual([{ topic: "t", partition: 1, offset: 10, atMs: 12_000 }]);
  });
});
