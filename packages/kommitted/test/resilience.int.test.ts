import { startKafka } from "@kafkesc/kafka-harness";
import type { KafkaCluster } from "@kafkesc/kafka-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitOffsets, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

/**
 * Every partition of the group reports the true lag from fresh (non-stale) offsets. The truth is known by
 * construction: the test wrote `end` records to each partition (acks=all, every delivery confirmed) and committed
 * `committed`; asking an admin client instead would make the truth itself flaky while a broker is down.
 */
function lagMatchesTruth(k: RunningKommitted, group: string, end: number, committed: number): true | undefined {
  const g = k.monitor.snapshot?.groups.get(group);
  if (g === undefined || g.partitions.length !== PARTITIONS) return undefined;
  return g.partitions.every((p) => !p.stale && p.offsetLag === end - committed) ? true : undefined;
}

const PARTITIONS = 3;

describe("kommitted on a 3-node cluster through broker restarts and leader changes", () => {
  let cluster: KafkaCluster;
  let k: RunningKommitted;
  const topic = unique("kmtd-ha");
  const group = unique("kmtd-ha-g");

  beforeAll(async () => {
    cluster = await startKafka({ nodes: 3 });
    await cluster.createTopic(topic, { partitions: PARTITIONS, replicationFactor: 3 });
    const p = await producer(cluster.bootstrapServers);
    await p.send(topic, Array.from({ length: 60 }, (_, i) => ({ partition: i % 3, timestamp: Date.now() })));
    await p.close();
    await commitOffsets(cluster.bootstrapServers, group, [0, 1, 2].map((partition) => ({ topic, partition, offset: 5 })));
    k = await startKommitted(cluster.bootstrapServers, { lagMode: "exact", requestTimeoutMs: 3000 });
  }, 240_000);

  afterAll(async () => {
    await k?.stop();
    await cluster?.stop();
  });

  it("keeps reporting the true lag while a broker is down and after it returns, never stale values as current", async () => {
    await waitFor("initial lag", () => lagMatchesTruth(k, group, 20, 5));
    const victim = cluster.nodeIds[1] as number;
    await cluster.stopNode(victim, { signal: "SIGKILL" });
    // partitions led by the dead broker move to the others; new writes land there
    const p = await producer(cluster.bootstrapServers);
    await p.send(topic, Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, timestamp: Date.now() })));
    await p.close();
    // while recovering, each partition is either marked stale or shows the true, current lag
    await waitFor("lag after the leader change", () => lagMatchesTruth(k, group, 30, 5), 90_000);
    await cluster.startNode(victim);
    await waitFor("lag after the broker returned", () => lagMatchesTruth(k, group, 30, 5), 90_000);
    expect(k.monitor.liveness().live).toBe(true);
    expect(k.monitor.readiness().ready).toBe(true);
    const lag = k.monitor.snapshot?.groups.get(group)?.partitions.map((x) => x.offsetLag).sort();
    expect(lag).toEqual([25, 25, 25]);
  });
});
