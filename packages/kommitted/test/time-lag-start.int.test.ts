/**
 * The default time lag is right from the first scrape after ready, for groups that fell behind before kommitted
 * started: their records carry producer timestamps (CreateTime) 50-90 s in the past, so the truth is known by
 * construction, and the offset history kommitted builds from its own polls covers none of them. Run on the shared
 * Kafka 4.4.0 and on a Kafka 3.9.2 started here.
 */
import type { KafkaJS } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startKafka } from "@kafkesc/kafka-harness";
import type { KafkaCluster } from "@kafkesc/kafka-harness";
import { DEFAULTS } from "../src/config.js";
import type { PartitionLag } from "../src/lag/snapshot.js";
import { admin, commitOffsets, createTopic, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

const PARTITIONS = 4;
const PER_PARTITION = 200;
/** Committed offsets of the lagging group: from the start (reprocessing), two in the middle, caught up. */
const COMMITTED = [0, 60, 150, PER_PARTITION];
/** Records of the retention topic deleted before this offset; its group committed before it. */
const DELETED_BEFORE = 50;
const RETENTION_COMMITTED = 20;

/** The lag of `group` on each partition of `topic` in a Prometheus text exposition. */
function scrapedLags(metrics: string, group: string, topic: string): Map<number, number> {
  const lags = new Map<number, number>();
  const line = /^kmtd_kafka_consumer_partition_lag_milliseconds\{([^}]*)\} (\S+)$/gm;
  for (const m of metrics.matchAll(line)) {
    const labels = m[1] ?? "";
    if (!labels.includes(`group="${group}"`) || !labels.includes(`topic="${topic}"`)) continue;
    lags.set(Number(/partition="(\d+)"/.exec(labels)?.[1]), Number(m[2]));
  }
  return lags;
}

describe.each(["4.4.0", "3.9.2"])("time lag from the first scrape, Kafka %s", (version) => {
  const topic = unique("kmtd-late");
  const retentionTopic = unique("kmtd-late-ret");
  const lateTopic = unique("kmtd-late-new");
  const group = unique("kmtd-late-g");
  const retentionGroup = unique("kmtd-late-ret-g");
  /** When the record at `offset` of `partition` was produced, by its CreateTime: 90 s to 50 s before the test. */
  const base = Date.now() - 90_000;
  const ts = (partition: number, offset: number) => base + offset * 200 + partition;
  let cluster: KafkaCluster | undefined;
  let brokers: string;
  let a: KafkaJS.Admin;
  let kommitted: RunningKommitted;

  beforeAll(async () => {
    if (version === "4.4.0") brokers = inject("kafkaBootstrap");
    else {
      cluster = await startKafka({ nodes: 1, version });
      brokers = cluster.bootstrapServers;
    }
    a = await admin(brokers);
    const p = await producer(brokers);
    try {
      await createTopic(brokers, topic, PARTITIONS);
      await createTopic(brokers, retentionTopic, 1);
      await createTopic(brokers, lateTopic, 1);
      const records = (partitions: number) => Array.from({ length: partitions * PER_PARTITION }, (_, i) => ({ partition: i % partitions, timestamp: ts(i % partitions, Math.floor(i / partitions)) }));
      await p.send(topic, records(PARTITIONS));
      await p.send(retentionTopic, records(1));
      await p.send(lateTopic, records(1));
    } finally {
      await p.close();
    }
    await a.deleteTopicRecords({ topic: retentionTopic, partitions: [{ partition: 0, offset: String(DELETED_BEFORE) }] });
    await commitOffsets(brokers, group, COMMITTED.map((offset, partition) => ({ topic, partition, offset })));
    await commitOffsets(brokers, retentionGroup, [{ topic: retentionTopic, partition: 0, offset: RETENTION_COMMITTED }]);
    // the defaults (lag mode, poll interval, history), made as hard as they get: ready after a single poll
    kommitted = await startKommitted(brokers, { pollIntervalMs: DEFAULTS.pollIntervalMs, history: DEFAULTS.history, historyReadyAt: 0 });
  });

  afterAll(async () => {
    await kommitted?.stop();
    await a?.disconnect();
    await cluster?.stop();
  });

  it("serves every partition's time lag within 1 s of the truth at the first scrape after ready", async () => {
    expect(kommitted.monitor.config.lagMode).toBe(DEFAULTS.lagMode);
    await waitFor("ready", async () => ((await fetch(`${kommitted.base}/readyz`)).status === 200 ? true : undefined), 90_000);
    const before = Date.now();
    const metrics = await (await fetch(`${kommitted.base}/metrics`)).text();
    const after = Date.now();
    const view = (await (await fetch(`${kommitted.base}/groups/${group}`)).json()) as { partitions: PartitionLag[] };

    const lags = scrapedLags(metrics, group, topic);
    expect([...lags.keys()].sort()).toEqual([0, 1, 2, 3]);
    const report: string[] = [];
    for (const [partition, committed] of COMMITTED.entries()) {
      const served = lags.get(partition) as number;
      const method = view.partitions.find((p) => p.partition === partition)?.timeLag.method;
      if (committed === PER_PARTITION) {
        expect([served, method]).toEqual([0, "caught-up"]);
        continue;
      }
      // the truth when the scrape was answered lies between these two
      const [low, high] = [before - ts(partition, committed), after - ts(partition, committed)];
      report.push(`p${partition}@${committed}: served ${served} ms, truth ${low}-${high} ms (${method})`);
      // on failure, what the fetcher and the last poll saw: a read missed, or a partition the first poll did not list
      const seen = { fetched: kommitted.monitor.timestamps?.fetched, missed: kommitted.monitor.timestamps?.missed, lastPoll: kommitted.monitor.lastPoll };
      expect(method, `p${partition}@${committed}: ${JSON.stringify(seen)}`).toBe("record-timestamp");
      expect(served).toBeGreaterThanOrEqual(low - 1000);
      expect(served).toBeLessThanOrEqual(high + 1000);
    }
    console.log(`[kommitted ${version}] first scrape after ready: ${report.join("; ")}`);
  });

  it("says lower bound when retention deleted the committed record, measured from the earliest record left", async () => {
    const res = await fetch(`${kommitted.base}/groups/${retentionGroup}`);
    const p = ((await res.json()) as { asOf: number; partitions: PartitionLag[] }).partitions[0];
    expect(p).toMatchObject({ committedOffset: RETENTION_COMMITTED, earliestOffset: DELETED_BEFORE, committedBeforeEarliest: true });
    expect(p?.timeLag.method).toBe("retention-lower-bound");
    const truth = Date.now() - ts(0, DELETED_BEFORE);
    expect(Math.abs((p?.timeLag.ms ?? 0) - truth)).toBeLessThanOrEqual(1000);
  });

  it("reads the record of a partition newly tracked after ready, labelling every value served before as a lower bound", async () => {
    const lateGroup = unique("kmtd-late-new-g");
    await commitOffsets(brokers, lateGroup, [{ topic: lateTopic, partition: 0, offset: 30 }]);
    const seen = new Set<string>();
    const exact = await waitFor("the late group's record timestamp", () => {
      const p = kommitted.monitor.snapshot?.groups.get(lateGroup)?.partitions[0];
      if (p === undefined) return undefined;
      seen.add(p.timeLag.method);
      return p.timeLag.method === "record-timestamp" ? { lag: p.timeLag.ms as number, at: Date.now() } : undefined;
    });
    expect([...seen].filter((m) => m !== "record-timestamp" && m !== "history-lower-bound" && m !== "unknown")).toEqual([]);
    expect(Math.abs(exact.lag - (exact.at - ts(0, 30)))).toBeLessThanOrEqual(1000);
  });
});
