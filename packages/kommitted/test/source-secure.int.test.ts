/**
 * `--source auto` on a secure cluster with ACLs (issue 15's proof), one SASL_SSL Kafka from the harness for the file,
 * StandardAuthorizer, `admin` a super user for the set-up: a `monitor` user allowed to describe and read topics and
 * groups but denied Read on `__consumer_offsets` makes kommitted fall back to the Admin API, which reports the exact
 * offset lag (and time lag) of every partition, with commit times unknown; a `reader` user who may read the topic
 * makes it use the topic. Both say which source they use (`/healthz`, `/readyz`, `kmtd_offsets_source`).
 */
import { NO_SETTINGS } from "@kafkesc/kafka-io";
import { startKafka, type KafkaCluster, type SecureAccess } from "@kafkesc/kafka-harness";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config, OffsetsSource } from "../src/config.js";
import { DEFAULTS } from "../src/config.js";
import type { PartitionLag } from "../src/lag/snapshot.js";
import { Monitor } from "../src/monitor.js";
import { commitOffsets, member, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

const PARTITIONS = 3;
const PER_PARTITION = 50;
const topic = unique("acl-orders");
const stopped = unique("acl-stopped");
const live = unique("acl-live");
/** Committed offsets of the stopped group: every partition lags by a different amount, partition 2 not at all. */
const committed = [10, 35, PER_PARTITION];
const base = Date.now() - 120_000;
/** The timestamp given to the record at `offset` of `partition`. */
const ts = (partition: number, offset: number) => base + offset * 1000 + partition;

let cluster: KafkaCluster;
let secure: SecureAccess;

beforeAll(async () => {
  cluster = await startKafka({
    security: {
      users: { admin: "admin-secret", monitor: "monitor-secret", reader: "reader-secret" },
      authorizer: true,
      acls: [
        { principal: "monitor", operations: ["Read", "Describe"], topic: "*", group: "*" },
        { principal: "monitor", permission: "deny", operations: ["Read"], topic: "__consumer_offsets" },
        { principal: "reader", operations: ["Read", "Describe"], topic: "*", group: "*" },
      ],
    },
  });
  secure = cluster.secure as SecureAccess;
  // set-up over the PLAINTEXT listener (a super user)
  await cluster.createTopic(topic, { partitions: PARTITIONS });
  const prod = await producer(cluster.bootstrapServers);
  const records = [];
  for (let p = 0; p < PARTITIONS; p++) for (let o = 0; o < PER_PARTITION; o++) records.push({ partition: p, timestamp: ts(p, o) });
  await prod.send(topic, records);
  await prod.close();
  await commitOffsets(cluster.bootstrapServers, stopped, committed.map((offset, partition) => ({ topic, partition, offset })));
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Starts kommitted as `user` (SCRAM-SHA-512 over SASL_SSL) with the default `--source auto`, exact time lag. */
function kommittedAs(user: string): Promise<RunningKommitted> {
  return startKommitted(secure.bootstrapServers, { kafkaConfig: secure.clientConfig(user, "SCRAM-SHA-512"), lagMode: "exact", source: "auto" });
}

/** The stopped group's partitions once every lagging one has an exact time lag. */
function stoppedLags(k: RunningKommitted): Promise<{ asOf: number; partitions: PartitionLag[] }> {
  return waitFor(`lag of ${stopped}`, () => {
    const g = k.monitor.snapshot?.groups.get(stopped);
    if (g === undefined || g.partitions.length !== PARTITIONS) return undefined;
    if (g.partitions.some((p) => p.offsetLag > 0 && p.timeLag.method !== "record-timestamp")) return undefined;
    return { asOf: k.monitor.snapshot?.asOf ?? 0, partitions: [...g.partitions].sort((x, y) => x.partition - y.partition) };
  });
}

/** What kommitted says about its source: `/healthz`, `/readyz` (once ready) and the metric. */
async function sourceShown(k: RunningKommitted): Promise<{ healthz: unknown; readyz: unknown; metric: string | undefined }> {
  const readyz = await waitFor("readiness", async () => {
    const r = await fetch(`${k.base}/readyz`);
    return r.status === 200 ? ((await r.json()) as { source: unknown }).source : undefined;
  });
  const healthz = ((await (await fetch(`${k.base}/healthz`)).json()) as { source: unknown }).source;
  const metrics = await (await fetch(`${k.base}/metrics`)).text();
  return { healthz, readyz, metric: /^kmtd_offsets_source\{[^}]*source="(\w+)"\} 1$/m.exec(metrics)?.[1] };
}

describe("--source auto on a cluster whose ACLs deny __consumer_offsets", () => {
  it("falls back to the Admin API and reports the exact offset lag of every partition, commit times unknown", async () => {
    const k = await kommittedAs("monitor");
    try {
      expect(k.monitor.source).toBe("admin");
      expect(k.monitor.sourceReason).toMatch(/reading __consumer_offsets is not authorized/);
      expect(await sourceShown(k)).toEqual({ healthz: "admin", readyz: "admin", metric: "admin" });
      const { asOf, partitions } = await stoppedLags(k);
      expect(partitions.map((p) => [p.partition, p.committedOffset, p.latestOffset, p.offsetLag])).toEqual(
        committed.map((offset, partition) => [partition, offset, PER_PARTITION, PER_PARTITION - offset]),
      );
      for (const p of partitions) {
        expect(p.commitTimestamp).toBe(-1);
        expect(p.commitAgeMs).toBeNull();
        if (p.offsetLag === 0) expect(p.timeLag).toEqual({ ms: 0, method: "caught-up" });
        else expect(Math.abs((p.timeLag.ms ?? -1) - (asOf - ts(p.partition, p.committedOffset)))).toBeLessThanOrEqual(1000);
      }
      const metrics = await (await fetch(`${k.base}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`kmtd_kafka_consumer_partition_lag_offset\\{cluster_id="kafka",group="${stopped}",topic="${topic}",partition="1"[^}]*\\} 15\\n`));
      expect(metrics).toMatch(/^kmtd_admin_refresh_failures\{cluster_id="kafka"\} 0$/m);
      expect(metrics).toMatch(/^kmtd_admin_refresh_milliseconds\{cluster_id="kafka"\} \d+$/m);
      // no commit time, no commit-age series (rather than a made-up one)
      expect(metrics).not.toMatch(new RegExp(`kmtd_kafka_consumer_partition_commit_age_milliseconds\\{[^}]*group="${stopped}"`));
    } finally {
      await k.stop();
    }
  });

  it("with the Admin API, a live consumer group's members and assignments, and its lag as it consumes", async () => {
    const k = await kommittedAs("monitor");
    const consumer = await member(cluster.bootstrapServers, live, topic, "consumer", "acl-live-client");
    try {
      const group = await waitFor(`members of ${live}`, () => {
        const g = k.monitor.snapshot?.groups.get(live);
        const assigned = g?.members.flatMap((m) => m.assignment.flatMap((a) => a.partitions)) ?? [];
        return g !== undefined && assigned.length === PARTITIONS && g.partitions.length === PARTITIONS && g.totalOffsetLag === 0 ? g : undefined;
      });
      expect(group.type).toBe("consumer");
      expect(group.members.map((m) => m.clientId)).toEqual(["acl-live-client"]);
      expect(group.partitions.every((p) => p.owner?.clientId === "acl-live-client")).toBe(true);
    } finally {
      await consumer.stop();
      await k.stop();
    }
  });
});

describe("--source auto with read access to __consumer_offsets", () => {
  it("reads the topic, with the same offset lags and known commit times", async () => {
    const k = await kommittedAs("reader");
    try {
      expect(k.monitor.source).toBe("topic");
      expect(await sourceShown(k)).toEqual({ healthz: "topic", readyz: "topic", metric: "topic" });
      const { partitions } = await stoppedLags(k);
      expect(partitions.map((p) => [p.partition, p.committedOffset, p.offsetLag])).toEqual(committed.map((offset, partition) => [partition, offset, PER_PARTITION - offset]));
      for (const p of partitions) expect(p.commitAgeMs).toBeGreaterThanOrEqual(0);
    } finally {
      await k.stop();
    }
  });
});

describe("a cluster that refuses the credentials", () => {
  it.each(["admin", "auto"] as const)("--source %s ends the start with kafka-io's AuthenticationError (exit 1)", async (source: OffsetsSource) => {
    const config: Config = {
      ...DEFAULTS,
      brokers: secure.bootstrapServers,
      kafkaConfig: { ...secure.clientConfig("monitor", "SCRAM-SHA-512"), "sasl.password": "not-the-password" },
      settings: NO_SETTINGS,
      connectTimeoutMs: 20_000,
      logLevel: "silent",
      source,
    };
    const monitor = new Monitor(config, pino({ level: "silent" }));
    try {
      await expect(monitor.start()).rejects.toMatchObject({ name: "AuthenticationError", code: "AUTHENTICATION_FAILED", exitCode: 1 });
    } finally {
      await monitor.stop();
    }
  });
});
