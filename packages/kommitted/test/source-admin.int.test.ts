/**
 * `--source admin` on the shared broker, side by side with `--source topic` on the same groups: an offsets-only group
 * with a different lag on each partition, a live classic group and a live consumer (KIP-848) group. Both sources must
 * report the same groups, types, committed offsets, offset lags, members and owners; only commit times differ (unknown
 * with the Admin API). A group deleted while kommitted runs disappears from both.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { KafkaJS } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { GroupLag } from "../src/lag/snapshot.js";
import { admin, commitOffsets, createTopic, member, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";

const brokers = inject("kafkaBootstrap");
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Runs the built `kommitted` with `env` until it says where it reads groups from; resolves with that line. */
function sourceLine(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [cli, "--port", "0", "--host", "127.0.0.1"], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  return new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const line = /^kommitted reads groups.*$/m.exec(stderr)?.[0];
      if (line !== undefined) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`kommitted exited with ${code}: ${stderr}`)));
  }).finally(() => child.kill("SIGTERM"));
}
const PARTITIONS = 4;
const PER_PARTITION = 40;

describe("--source admin against --source topic", () => {
  const topic = unique("src-admin");
  const stopped = unique("src-stopped");
  const classic = unique("src-classic");
  const modern = unique("src-consumer");
  const committed = [0, 5, 20, PER_PARTITION];
  let a: KafkaJS.Admin;
  let members: { stop(): Promise<void> }[] = [];
  let fromAdmin: RunningKommitted;
  let fromTopic: RunningKommitted;

  beforeAll(async () => {
    a = await admin(brokers);
    await createTopic(brokers, topic, PARTITIONS);
    const prod = await producer(brokers);
    const records = [];
    for (let p = 0; p < PARTITIONS; p++) for (let o = 0; o < PER_PARTITION; o++) records.push({ partition: p, timestamp: Date.now() - 60_000 + o });
    await prod.send(topic, records);
    await prod.close();
    await commitOffsets(brokers, stopped, committed.map((offset, partition) => ({ topic, partition, offset })));
    members = [await member(brokers, classic, topic, "classic", "src-classic-client"), await member(brokers, modern, topic, "consumer", "src-consumer-client")];
    const only = { groups: [new RegExp(`${stopped}|${classic}|${modern}`)], pollIntervalMs: 300 };
    fromAdmin = await startKommitted(brokers, { ...only, source: "admin" });
    fromTopic = await startKommitted(brokers, { ...only, source: "topic" });
  }, 120_000);

  afterAll(async () => {
    await fromAdmin?.stop();
    await fromTopic?.stop();
    for (const m of members) await m.stop();
    await a?.disconnect();
  });

  /** What both sources must agree on, for one group. */
  const comparable = (g: GroupLag) => ({
    type: g.type,
    protocolType: g.protocolType,
    partitions: g.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.offsetLag, p.owner?.clientId ?? null]).sort(),
    members: g.members.map((m) => [m.clientId, m.assignment.flatMap((t) => t.partitions.map((p) => `${t.topic}:${p}`)).sort()]),
  });

  /** Every group of the test, once both live groups have caught up, as each source sees it. */
  const settled = (k: RunningKommitted) =>
    waitFor("settled groups", () => {
      const groups = k.monitor.snapshot?.groups;
      const all = [stopped, classic, modern].map((name) => groups?.get(name));
      if (all.some((g) => g === undefined || g.partitions.length !== PARTITIONS)) return undefined;
      if ([all[1], all[2]].some((g) => g?.totalOffsetLag !== 0 || g.members.length !== 1)) return undefined;
      return new Map(all.map((g) => [g?.group, comparable(g as GroupLag)]));
    });

  it("reports the same groups, offsets, lags, members and owners as the topic source", async () => {
    expect(fromAdmin.monitor.source).toBe("admin");
    expect(fromTopic.monitor.source).toBe("topic");
    const [byAdmin, byTopic] = await Promise.all([settled(fromAdmin), settled(fromTopic)]);
    expect(byAdmin).toEqual(byTopic);
    expect(byAdmin.get(stopped)?.partitions.map((p) => p[3])).toEqual(committed.map((c) => PER_PARTITION - c));
    expect(byAdmin.get(classic)?.type).toBe("classic");
    expect(byAdmin.get(modern)?.type).toBe("consumer");
    const adminCommit = fromAdmin.monitor.snapshot?.groups.get(stopped)?.partitions[0];
    const topicCommit = fromTopic.monitor.snapshot?.groups.get(stopped)?.partitions[0];
    expect(adminCommit?.commitAgeMs).toBeNull();
    expect(topicCommit?.commitAgeMs).not.toBeNull();
  });

  it("a group deleted while running disappears, as from the topic", async () => {
    await a.deleteGroups([stopped]);
    await Promise.all([fromAdmin, fromTopic].map((k) => waitFor(`${stopped} gone`, () => (k.monitor.snapshot?.groups.has(stopped) === false ? true : undefined))));
    expect(fromAdmin.monitor.registry.get(stopped)).toBeUndefined();
  });

  it("the command takes the source from KOMMITTED_SOURCE and says which it uses, whatever the log level", async () => {
    expect(await sourceLine({ KOMMITTED_BROKERS: brokers, KOMMITTED_SOURCE: "admin" })).toBe("kommitted reads groups and committed offsets from the Admin API (--source admin; commit times unknown)");
    expect(await sourceLine({ KOMMITTED_BROKERS: brokers })).toBe("kommitted reads groups and committed offsets from __consumer_offsets");
  });
});
