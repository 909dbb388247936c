import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../src/http/metrics.js";
import { LagCalculator } from "../src/lag/snapshot.js";
import type { MonitorView } from "../src/monitor.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";

/** One sample of the exposition text: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition (label values here hold no escaped quotes). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)) labels[l[1] as string] = l[2] as string;
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return samples;
}

/**
 * Group "billing" reads two topics: orders (p0 lag 50, p1 caught up) and refunds (p0 lag 20, p1 lag 5, p2 stale with
 * lag 1000 as last known). Group "audit" reads refunds p0 only (lag 10).
 */
function monitorWithTwoTopics(): MonitorView {
  const registry = new GroupRegistry();
  const store = new PartitionOffsetsStore(10);
  store.setTopics([
    { name: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] },
    { name: "refunds", topicId: "AAAAAAAAAAAAAAAAAAAAAg", partitions: [0, 1, 2] },
  ]);
  const commit = (group: string, topic: string, partition: number, offset: number) =>
    registry.apply({ kind: "offset-commit", group, topic, partition, offset, commitTimestamp: 9_000, leaderEpoch: 0, metadata: "" });
  commit("billing", "orders", 0, 50);
  commit("billing", "orders", 1, 100);
  commit("billing", "refunds", 0, 30);
  commit("billing", "refunds", 1, 45);
  commit("billing", "refunds", 2, 0);
  commit("audit", "refunds", 0, 40);
  // two listings each, so the history covers the committed offsets and time lags are interpolated
  for (const [topic, partition, latest] of [["orders", 0, 100], ["orders", 1, 100], ["refunds", 0, 50], ["refunds", 1, 50], ["refunds", 2, 1000]] as const) {
    store.observe(topic, partition, 0, 0, 0);
    store.observe(topic, partition, 0, latest, 10_000);
  }
  store.markStale("refunds", 2, "leader not available");
  const calculator = new LagCalculator({ registry, store, rules: { windowSize: 5, stopAfterMs: 60_000 }, mode: "estimate" });
  const snapshot = calculator.compute(10_000);
  return {
    config: { clusterId: "c1" },
    registry,
    store,
    snapshot,
    polled: snapshot,
    readAt: 10_000,
    lastPoll: undefined,
    reader: { stats: { records: 0, decodeErrors: 0 } },
    shareStateReader: { stats: { records: 0, decodeErrors: 0 } },
    readiness: () => ({ ready: true, waitingFor: [], replayPendingPartitions: [], shareStateReplayPendingPartitions: [], polls: { done: 1, needed: 1 } }),
    liveness: () => ({ live: true, reason: null }),
  };
}

describe("per-group and per-group-topic aggregates", async () => {
  const samples = parseSamples(await createMetrics(monitorWithTwoTopics()).metrics());
  const of = (name: string) => samples.filter((s) => s.name === name);
  const value = (name: string, labels: Record<string, string>) =>
    of(name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
  const partitionSeries = (name: string, group: string, topic?: string) =>
    of(name).filter((s) => s.labels.group === group && (topic === undefined || s.labels.topic === topic)).map((s) => s.value);

  it("sums the offset lag of a group and of each group topic, leaving stale partitions out as their series are", () => {
    expect(value("kmtd_kafka_consumer_group_lag_offset", { cluster_id: "c1", group: "billing" })).toBe(50 + 0 + 20 + 5);
    expect(value("kmtd_kafka_consumer_group_topic_lag_offset", { group: "billing", topic: "orders" })).toBe(50);
    expect(value("kmtd_kafka_consumer_group_topic_lag_offset", { group: "billing", topic: "refunds" })).toBe(25);
    expect(value("kmtd_kafka_consumer_group_lag_offset", { group: "audit" })).toBe(10);
    // the aggregate is exactly the sum of the partition series a dashboard would otherwise add up
    const partitions = partitionSeries("kmtd_kafka_consumer_partition_lag_offset", "billing");
    expect(partitions).toHaveLength(4);
    expect(value("kmtd_kafka_consumer_group_lag_offset", { group: "billing" })).toBe(partitions.reduce((a, b) => a + b, 0));
  });

  it("takes the largest time lag of a group and of each group topic", () => {
    for (const [group, topic] of [["billing", "orders"], ["billing", "refunds"], ["audit", "refunds"]] as const) {
      const partitions = partitionSeries("kmtd_kafka_consumer_partition_lag_milliseconds", group, topic);
      expect(partitions.length).toBeGreaterThan(0);
      expect(value("kmtd_kafka_consumer_group_topic_lag_milliseconds", { group, topic })).toBe(Math.max(...partitions));
    }
    const all = partitionSeries("kmtd_kafka_consumer_partition_lag_milliseconds", "billing");
    expect(Math.max(...all)).toBeGreaterThan(0);
    expect(value("kmtd_kafka_consumer_group_lag_milliseconds", { cluster_id: "c1", group: "billing" })).toBe(Math.max(...all));
  });

  it("has one series per group and per group topic, with only the documented labels", () => {
    expect(of("kmtd_kafka_consumer_group_lag_offset").map((s) => s.labels)).toEqual(
      expect.arrayContaining([{ cluster_id: "c1", group: "billing" }, { cluster_id: "c1", group: "audit" }]),
    );
    expect(of("kmtd_kafka_consumer_group_lag_offset")).toHaveLength(2);
    expect(of("kmtd_kafka_consumer_group_topic_lag_offset").map((s) => Object.keys(s.labels).sort())).toEqual([
      ["cluster_id", "group", "topic"],
      ["cluster_id", "group", "topic"],
      ["cluster_id", "group", "topic"],
    ]);
  });
});

describe("one scrape, one instant", () => {
  it("reads the instant once per scrape, so every family shows the same one", async () => {
    const monitor = monitorWithTwoTopics();
    let reads = 0;
    // a live monitor's read instant is now: here, a later instant per read
    Object.defineProperty(monitor, "readAt", { get: () => 10_000 + ++reads * 1_000 });
    const samples = parseSamples(await createMetrics(monitor).metrics());
    expect(reads).toBe(1);
    const partitionLags = samples.filter((s) => s.name === "kmtd_kafka_consumer_partition_lag_milliseconds" && s.labels.group === "billing").map((s) => s.value);
    const groupMax = samples.find((s) => s.name === "kmtd_kafka_consumer_group_lag_milliseconds" && s.labels.group === "billing")?.value;
    expect(groupMax).toBe(Math.max(...partitionLags));
    // measured 1 s after the poll: the snapshot's own time lags, plus 1 s (caught-up partitions stay at 0)
    const polled = monitor.polled?.groups.get("billing")?.partitions.filter((p) => !p.stale).map((p) => p.timeLag);
    expect(partitionLags.sort()).toEqual(polled?.map((t) => (t.method === "caught-up" ? 0 : (t.ms ?? Number.NaN) + 1_000)).sort());
  });

  it("shows the values of its start while a poll rewrites the snapshot in place before the scraper has read it all", async () => {
    // 3,000 group partitions: the exposition spans many chunks, so rendering waits for the scraper
    const registry = new GroupRegistry();
    const store = new PartitionOffsetsStore(10);
    const partitions = Array.from({ length: 3_000 }, (_, p) => p);
    store.setTopics([{ name: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions }]);
    for (const p of partitions) {
      registry.apply({ kind: "offset-commit", group: "billing", topic: "orders", partition: p, offset: 10, commitTimestamp: 9_000, leaderEpoch: 0, metadata: "" });
      store.observe("orders", p, 0, 100, 10_000);
    }
    const calculator = new LagCalculator({ registry, store, rules: { windowSize: 5, stopAfterMs: 60_000 }, mode: "estimate" });
    const snapshot = calculator.compute(10_000);
    const monitor: MonitorView = { ...monitorWithTwoTopics(), registry, store, snapshot, polled: snapshot, readAt: 10_000 };
    let text = "";
    let writes = 0;
    const scraper = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        if (++writes > 1) return done();
        // the next poll lands while the scraper holds the first chunk: every end offset moved, the snapshot rewritten
        for (const p of partitions) store.observe("orders", p, 0, 500, 11_000);
        calculator.compute(11_000);
        setTimeout(done, 10);
      },
    });
    await createMetrics(monitor).writeTo(scraper);
    expect(writes).toBeGreaterThan(2);
    expect(snapshot.groups.get("billing")?.partitions[0]?.offsetLag).toBe(490); // rewritten in place
    const lags = parseSamples(text).filter((s) => s.name === "kmtd_kafka_consumer_partition_lag_offset");
    expect(lags).toHaveLength(3_000);
    expect(new Set(lags.map((s) => s.value))).toEqual(new Set([90]));
    expect(parseSamples(text).find((s) => s.name === "kmtd_kafka_consumer_group_lag_offset")?.value).toBe(90 * 3_000);
  });
});
