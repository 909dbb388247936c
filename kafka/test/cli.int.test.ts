/**
 * The `kafka` CLI end to end, in process: fetch from the cache, start a detached cluster, status, stop; bad
 * command lines exit 2. A private cache root (linking the real jar directories) keeps its state file apart from
 * anyone else's `kafka start`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { KafkaJS } from "@confluentinc/kafka-javascript";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliOutput } from "../src/cli/program.js";
import { cacheRoot, fetchKafka, fetchMetadata } from "../src/index.js";

let privateRoot: string;
const savedCache = process.env.KAFKESC_KAFKA_CACHE;

beforeAll(async () => {
  await fetchKafka("4.4.0");
  const realRoot = cacheRoot();
  privateRoot = mkdtempSync(join(tmpdir(), "kafkesc-cli-test-"));
  symlinkSync(join(realRoot, "4.4.0"), join(privateRoot, "4.4.0"));
  process.env.KAFKESC_KAFKA_CACHE = privateRoot;
});

afterAll(async () => {
  await run(["stop"]); // in case a test failed half-way
  if (savedCache === undefined) delete process.env.KAFKESC_KAFKA_CACHE;
  else process.env.KAFKESC_KAFKA_CACHE = savedCache;
  rmSync(privateRoot, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  let err = "";
  const io: CliOutput = { out: (line) => out.push(line), err: (text) => { err += text; } };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe("kafka CLI", () => {
  it("exits 2 with a clear message on bad command lines", async () => {
    const badNodes = await run(["start", "--nodes", "2"]);
    expect(badNodes.code).toBe(2);
    expect(badNodes.err).toContain("a cluster has 1 or 3 nodes");
    const badVersion = await run(["fetch", "--version", "4.4"]);
    expect(badVersion.code).toBe(2);
    expect(badVersion.err).toContain('"4.4" is not a Kafka release number');
    expect((await run(["fetch", "--all", "--version", "4.4.0"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["start", "--bogus"])).err).toContain("unknown option '--bogus'");
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out.join("\n")).toMatch(/fetch[\s\S]*start[\s\S]*status[\s\S]*stop/);
  });

  it("fetch reports a cached version without running Maven", async () => {
    const result = await run(["fetch", "--version", "4.4.0"]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([`Kafka 4.4.0: ${join(privateRoot, "4.4.0", "libs")} (cached)`]);
  });

  it("status and stop without a started cluster fail with NO_CLUSTER_STATE (exit 1)", async () => {
    for (const command of ["status", "stop"]) {
      const result = await run([command]);
      expect(result.code).toBe(1);
      expect(result.err).toContain("NO_CLUSTER_STATE");
    }
  });

  it("starts a detached cluster, reports it, refuses a second one, and stops it", async () => {
    const started = await run(["start", "--version", "4.4.0"]);
    expect(started.code).toBe(0);
    expect(started.out).toHaveLength(1);
    const bootstrap = started.out[0] ?? "";
    expect(bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
    const [host = "", port = ""] = bootstrap.split(":");
    expect((await fetchMetadata(host, Number(port))).brokers).toHaveLength(1);

    const status = await run(["status"]);
    expect(status.code).toBe(0);
    expect(status.out[0]).toContain(`Kafka 4.4.0 at ${bootstrap}`);
    expect(status.out[1]).toMatch(/node 1: pid \d+ running/);
    const dataDir = /data in (\S+)/.exec(status.out[0] ?? "")?.[1] ?? "";
    expect(existsSync(dataDir)).toBe(true);

    const again = await run(["start"]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("still running");

    const stopped = await run(["stop"]);
    expect(stopped.code).toBe(0);
    expect(stopped.out[0]).toBe(`stopped Kafka 4.4.0 at ${bootstrap}`);
    expect(existsSync(dataDir)).toBe(false);
    await expect(fetchMetadata(host, Number(port))).rejects.toThrow();
  });

  it("start --secure prints the SASL_SSL bootstrap and a client.properties that a librdkafka client connects with", async () => {
    const started = await run(["start", "--secure", "--user", "carol:carol-secret"]);
    expect(started.code, started.err).toBe(0);
    const [bootstrap = "", propertiesPath = ""] = started.out;
    expect(started.out).toHaveLength(2);
    expect(started.err).toContain(`SASL_SSL (PLAIN, SCRAM-SHA-512) at ${bootstrap}, users carol/carol-secret`);
    const settings = Object.fromEntries(readFileSync(propertiesPath, "utf8").split("\n").filter((line) => line && !line.startsWith("#")).map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1)];
    }));
    expect(settings).toMatchObject({ "bootstrap.servers": bootstrap, "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "carol" });
    const { "bootstrap.servers": servers = "", ...auth } = settings;
    const admin = new KafkaJS.Kafka({ ...auth, kafkaJS: { brokers: servers.split(","), logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: "cli-secure", numPartitions: 1, replicationFactor: 1 }] });
      expect(await admin.listTopics()).toContain("cli-secure");
    } finally {
      await admin.disconnect();
    }
    const status = await run(["status"]);
    expect(status.out[1]).toBe(`  SASL_SSL at ${bootstrap}, client settings in ${propertiesPath}`);
    expect((await run(["stop"])).code).toBe(0);
    expect(existsSync(propertiesPath)).toBe(false);
  });
});
