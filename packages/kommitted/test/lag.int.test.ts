import type { KafkaJS } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { PartitionLag } from "../src/lag/snapshot.js";
import { admin, commitOffsets, createTopic, endOffsets, member, producer, sleep, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

const brokers = inject("kafkaBootstrap");
const PARTITIONS = 3;
const PER_PARTITION = 100;

describe("kommitted against a real Kafka 4.4 broker", () => {
  const topic = unique("kmtd-lag");
  const stoppedGroup = unique("kmtd-stopped");
  const committed = [30, 50, 100]; // partition 2 is caught up
  /** The timestamp we gave the record at `offset` of `partition`. */
  const base = Date.now() - 60_000;
  const ts = (partition: number, offset: number) => base + offset * 100 + partition;
  let a: KafkaJS.Admin;
  let prod: Awaited<ReturnType<typeof producer>>;
  let exact: RunningKommitted;

  beforeAll(async () => {
    a = await admin(brokers);
    await createTopic(brokers, topic, PARTITIONS);
    prod = await producer(brokers);
    const records = [];
    for (let p = 0; p < PARTITIONS; p++) for (let o = 0; o < PER_PARTITION; o++) records.push({ partition: p, timestamp: ts(p, o) });
    await prod.send(topic, records);
    await commitOffsets(brokers, stoppedGroup, committed.map((offset, partition) => ({ topic, partition, offset })));
    exact = await startKommitted(brokers, { lagMode: "exact" });
  });

  afterAll(async () => {
    await exact?.stop();
    await prod?.close();
    await a?.disconnect();
  });

  /** The stopped group's lag entries once every lagging partition has an exact time lag. */
  const exactLags = () =>
    waitFor(`exact lag of ${stoppedGroup}`, () => {
      const g = exact.monitor.snapshot?.groups.get(stoppedGroup);
      if (g === undefined || g.partitions.length !== PARTITIONS) return undefined;
      if (g.partitions.some((p) => p.offsetLag > 0 && p.timeLag.method !== "record-timestamp")) return undefined;
      return { asOf: exact.monitor.snapshot?.asOf ?? 0, partitions: [...g.partitions].sort((x, y) => x.partition - y.partition) };
    });

  it("becomes ready, then reports the true offset lag and an exact time lag within 1 s of the truth", async () => {
    await waitFor("readiness", async () => ((await fetch(`${exact.base}/readyz`)).status === 200 ? true : undefined));
    const { asOf, partitions } = await exactLags();
    const ends = await endOffsets(a, topic);
    for (const p of partitions) {
      expect(p.committedOffset).toBe(committed[p.partition]);
      expect(p.offsetLag).toBe((ends.get(p.partition) ?? 0) - (committed[p.partition] ?? 0));
      if (p.offsetLag === 0) expect(p.timeLag).toEqual({ ms: 0, method: "caught-up" });
      else expect(Math.abs((p.timeLag.ms ?? -1) - (asOf - ts(p.partition, p.committedOffset)))).toBeLessThanOrEqual(1000);
    }
    const view = (await (await fetch(`${exact.base}/groups/${stoppedGroup}`)).json()) as { type: string; partitions: PartitionLag[] };
    expect(view.type).toBe("classic");
    expect(view.partitions.map((p) => p.offsetLag).sort((x, y) => x - y)).toEqual([0, 50, 70]);
    const metrics = await (await fetch(`${exact.base}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`kmtd_kafka_consumer_partition_lag_offset\\{cluster_id="kafka",group="${stoppedGroup}",topic="${topic}",partition="0"[^}]*\\} 70\\n`));
  });

  it("keeps growing the lag of a group that stopped committing", async () => {
    const before = (await exactLags()).partitions[2] as PartitionLag;
    expect(before.offsetLag).toBe(0);
    await prod.send(topic, Array.from({ length: 20 }, (_, i) => ({ partition: 2, timestamp: Date.now() - 5000 + i })));
    const after = await waitFor("lag growth", () => {
      const p = exact.monitor.snapshot?.groups.get(stoppedGroup)?.partitions.find((x) => x.partition === 2);
      return p !== undefined && p.offsetLag === 20 && p.timeLag.method === "record-timestamp" ? p : undefined;
    });
    expect(after.committedOffset).toBe(100);
    expect(after.timeLag.ms).toBeGreaterThanOrEqual(4000);
    const age1 = after.commitAgeMs ?? Number.NaN; // the topic source knows every commit time
    await sleep(1200);
    const later = exact.monitor.snapshot?.groups.get(stoppedGroup)?.partitions.find((x) => x.partition === 2);
    expect(later?.offsetLag).toBe(20);
    expect(later?.commitAgeMs).toBeGreaterThan(age1);
  });

  it("shows classic and consumer-protocol groups with their type, members and assignments", async () => {
    const classic = unique("kmtd-classic");
    const modern = unique("kmtd-consumer");
    const m1 = await member(brokers, classic, topic, "classic", "classic-client");
    const m2 = await member(brokers, modern, topic, "consumer", "consumer-client");
    try {
      const seen = await waitFor(
        "both groups with assignments",
        () => {
          const c = exact.monitor.snapshot?.groups.get(classic);
          const n = exact.monitor.snapshot?.groups.get(modern);
          const full = (g: typeof c) => g !== undefined && g.members.length === 1 && g.members[0]?.assignment.flatMap((x) => x.partitions).length === PARTITIONS;
          return full(c) && full(n) ? { c: c!, n: n! } : undefined;
        },
        90_000,
      );
      expect(seen.c).toMatchObject({ type: "classic", protocolType: "consumer" });
      expect(seen.c.members[0]).toMatchObject({ clientId: "classic-client", assignment: [{ topic, partitions: [0, 1, 2] }] });
      expect(seen.n).toMatchObject({ type: "consumer", protocolType: null });
      expect(seen.n.members[0]).toMatchObject({ clientId: "consumer-client", assignment: [{ topic, partitions: [0, 1, 2] }] });
      // once they have consumed and committed, their partitions carry the owner
      const owned = await waitFor("commits with owners", () => {
        const g = exact.monitor.snapshot?.groups.get(modern);
        return g !== undefined && g.partitions.length === PARTITIONS && g.partitions.every((p) => p.owner !== null && p.offsetLag === 0) ? g : undefined;
      });
      expect(owned.partitions[0]?.owner?.clientId).toBe("consumer-client");
      const metrics = await (await fetch(`${exact.base}/metrics`)).text();
      expect(metrics).toContain(`kmtd_consumer_groups_members_total{cluster_id="kafka",group="${classic}"} 1`);
      expect(metrics).toMatch(new RegExp(`kmtd_kafka_consumer_partition_offset\\{cluster_id="kafka",group="${modern}",topic="${topic}",partition="0",member_id="[^"]+",member_host="[^"]+",member_client_id="consumer-client"\\}`));
    } finally {
      await m1.stop();
      await m2.stop();
    }
  });

  it("measures the estimated time lag's error against the truth during a spike", async () => {
    const spikeTopic = unique("kmtd-spike");
    await createTopic(brokers, spikeTopic, 1);
    const estimate = await startKommitted(brokers, { lagMode: "estimate", pollIntervalMs: 250 });
    try {
      // the groups exist (committed at 0) before the spike, so the topic's end offsets are already being polled
      const groups = [150, 900, 1650, 2400, 2950].map((offset) => ({ group: unique("kmtd-spike-g"), offset }));
      for (const g of groups) await commitOffsets(brokers, g.group, [{ topic: spikeTopic, partition: 0, offset: 0 }]);
      await waitFor("estimate monitor ready and tracking the spike topic", () =>
        estimate.monitor.readiness().ready && groups.every((g) => estimate.monitor.snapshot?.groups.get(g.group)?.partitions.length === 1) ? true : undefined,
      );
      // idle, then a spike: 10 bursts of 300 records 200 ms apart, each record stamped with its send time
      await sleep(1500);
      const stamps: number[] = [];
      for (let burst = 0; burst < 10; burst++) {
        const now = Date.now();
        const records = Array.from({ length: 300 }, () => ({ partition: 0, timestamp: now }));
        await prod.send(spikeTopic, records);
        stamps.push(...records.map((r) => r.timestamp));
        await sleep(200);
      }
      for (const g of groups) await commitOffsets(brokers, g.group, [{ topic: spikeTopic, partition: 0, offset: g.offset }]);
      const errors = await waitFor("estimates for every spike group", () => {
        const snapshot = estimate.monitor.snapshot;
        const out: { offset: number; estimated: number; truth: number; error: number; method: string }[] = [];
        for (const g of groups) {
          const p = snapshot?.groups.get(g.group)?.partitions[0];
          if (snapshot === undefined || p === undefined || p.timeLag.ms === null || p.committedOffset !== g.offset || p.latestOffset < 3000) return undefined;
          const truth = snapshot.asOf - (stamps[g.offset] ?? 0);
          out.push({ offset: g.offset, estimated: p.timeLag.ms, truth, error: p.timeLag.ms - truth, method: p.timeLag.method });
        }
        return out;
      });
      console.log(`[kommitted] estimated time-lag error during a spike (poll 250 ms): ${JSON.stringify(errors)}`);
      for (const e of errors) {
        expect(e.method).toBe("interpolated");
        expect(Math.abs(e.error)).toBeLessThanOrEqual(1000);
      }
    } finally {
      await estimate.stop();
    }
  });

  it("drops a deleted group and a deleted topic without reporting stale lag", async () => {
    const doomedTopic = unique("kmtd-doomed");
    const doomedGroup = unique("kmtd-doomed-g");
    await createTopic(brokers, doomedTopic, 2);
    await prod.send(doomedTopic, [{ partition: 0, timestamp: Date.now() }, { partition: 1, timestamp: Date.now() }]);
    await commitOffsets(brokers, doomedGroup, [{ topic: doomedTopic, partition: 0, offset: 0 }, { topic, partition: 0, offset: 10 }]);
    await waitFor("doomed group tracked", () => (exact.monitor.snapshot?.groups.get(doomedGroup)?.partitions.length === 2 ? true : undefined));
    await a.deleteTopics({ topics: [doomedTopic] });
    await waitFor("deleted topic gone", () => {
      const g = exact.monitor.snapshot?.groups.get(doomedGroup);
      const tracked = [...exact.monitor.store.trackedTopics()].includes(doomedTopic);
      return !tracked && (g === undefined || g.partitions.every((p) => p.topic !== doomedTopic)) ? true : undefined;
    });
    const topics = (await (await fetch(`${exact.base}/topics`)).json()) as { topics: { topic: string }[] };
    expect(topics.topics.map((t) => t.topic)).not.toContain(doomedTopic);

    await a.deleteGroups([doomedGroup, stoppedGroup]);
    await waitFor("deleted groups gone", () => {
      const s = exact.monitor.snapshot;
      return s !== undefined && !s.groups.has(doomedGroup) && !s.groups.has(stoppedGroup) ? true : undefined;
    });
    expect((await fetch(`${exact.base}/groups/${stoppedGroup}`)).status).toBe(404);
    expect(exact.monitor.liveness().live).toBe(true);
  });
});
