/**
 * `konsumer-offsets tail` against the shared Kafka 4.4.0 broker: it finds a consumer group's commits with their
 * offsets, filters by group, stops on --max-records / --timeout / --exit-at-end, exits cleanly on SIGTERM and when
 * its reader goes away, and fails fast and clearly on an unreachable broker or a missing topic.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { commitOffsets as commitGroupOffsets, createTopic as createKafkaTopic } from "@kafkesc/kafka-io";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { cli, realRecord } from "./helpers.js";
import { closedPort } from "../../kafka-io/test/tools.js";

const brokers = inject("kafkaBootstrap");
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const BIN = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const unique = (what: string) => `kfx-cli-${what}-${randomBytes(4).toString("hex")}`;

/** One line of `tail --format json`. */
interface TailLine {
  partition: number;
  offset: number;
  timestamp: number | null;
  record: { type: string; recordType: number; key: { group: string; topic: string; partition: number }; value: { offset: string | number } | null };
}

/** Creates a topic, visible to every client once this resolves. */
function createTopic(topic: string, partitions: number): Promise<void> {
  return createKafkaTopic({ "bootstrap.servers": brokers }, topic, { partitions });
}

/** Commits `offsets[p]` for partition p of `topic` in `group` (without joining it). */
function commitOffsets(group: string, topic: string, offsets: number[]): Promise<void> {
  return commitGroupOffsets({ "bootstrap.servers": brokers }, group, offsets.map((offset, partition) => ({ topic, partition, offset })));
}

/** A fresh one-partition topic. */
async function sigtermTopic(): Promise<string> {
  const topic = unique("sigterm-topic");
  await createTopic(topic, 1);
  return topic;
}

function parseLines(stdout: string): TailLine[] {
  return stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as TailLine);
}

describe("tail on a live cluster", () => {
  const group = unique("group");
  const topic = unique("topic");

  beforeAll(async () => {
    await createTopic(topic, 2);
    await commitOffsets(group, topic, [3, 5]);
    await commitOffsets(unique("other-group"), topic, [1, 1]);
  });

  it("finds a group's commits with the offsets it committed (--group, --type, --max-records)", async () => {
    const run = await cli(["tail", "-b", brokers, "--group", group, "--type", "OffsetCommit", "--max-records", "2", "--timeout", "60s"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = parseLines(run.stdout);
    expect(lines).toHaveLength(2);
    const offsets = Object.fromEntries(lines.map((line) => [line.record.key.partition, String(line.record.value?.offset)]));
    expect(offsets).toEqual({ 0: "3", 1: "5" });
    for (const line of lines) {
      expect(line.record).toMatchObject({ type: "OffsetCommit", recordType: 1, key: { group, topic } });
      expect(line.partition).toBeGreaterThanOrEqual(0);
      expect(line.timestamp).toBeGreaterThan(0);
    }
  });

  it("filters by topic and stops at the end of every partition with --exit-at-end", async () => {
    const run = await cli(["tail", "-b", brokers, "--topic-filter", topic, "--exit-at-end", "--timeout", "60s"]);
    expect(run.status).toBe(0);
    const lines = parseLines(run.stdout);
    expect(lines.length).toBe(4);
    expect(lines.every((line) => line.record.key.topic === topic)).toBe(true);
  });

  it("--from end sees only new records, and --timeout ends the wait", async () => {
    const later = unique("later");
    const tail = cli(["tail", "-b", brokers, "--from", "end", "--group", later, "--max-records", "1", "--timeout", "45s"]);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await commitOffsets(later, topic, [7]);
    const run = await tail;
    expect(run.status).toBe(0);
    const lines = parseLines(run.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.record).toMatchObject({ key: { group: later, topic, partition: 0 } });
    expect(String(lines[0]?.record.value?.offset)).toBe("7");

    const started = Date.now();
    const idle = await cli(["tail", "-b", brokers, "--from", "end", "--group", unique("nobody"), "--timeout", "2s"]);
    expect(idle).toMatchObject({ status: 0, stdout: "" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("prints Kafka's own format with --format kafka", async () => {
    const run = await cli(["tail", "-b", brokers, "--group", group, "--type", "1", "--format", "kafka", "--max-records", "2", "--timeout", "60s"]);
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { key: { type: number; data: { group: string } }; value: { version: number } });
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.key.type === 1 && line.key.data.group === group && line.value.version === 4)).toBe(true);
  });

  it("reports a record it cannot decode on stderr, with its position and bytes, and goes on", async () => {
    const dump = unique("dump");
    await createTopic(dump, 1);
    const good = realRecord(1);
    const producer = new RdKafka.Producer({ "bootstrap.servers": brokers });
    await new Promise<void>((resolve, reject) => producer.connect({}, (error) => (error ? reject(error) : resolve())));
    producer.produce(dump, 0, Buffer.from("0003", "hex"), Buffer.from("00010003", "hex"));
    producer.produce(dump, 0, Buffer.from(good.value ?? "", "hex"), Buffer.from(good.key, "hex"));
    await new Promise<void>((resolve, reject) => producer.flush(10_000, (error) => (error ? reject(error) : resolve())));
    await new Promise<void>((resolve) => producer.disconnect(() => resolve()));

    const run = await cli(["tail", "-b", brokers, "--topic", dump, "--exit-at-end", "--timeout", "60s"]);
    expect(run.status).toBe(0);
    const lines = parseLines(run.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ partition: 0, offset: 1, record: { type: "OffsetCommit" } });
    const failure = JSON.parse(run.stderr.trim()) as { decodeError: Record<string, unknown> };
    expect(failure.decodeError).toMatchObject({
      error: "KonsumerOffsetsError",
      partition: 0,
      offset: 0,
      recordType: 1,
      key: "00010003",
      value: "0003",
    });
    expect(failure.decodeError["code"]).toMatch(/^[A-Z_]+$/);
  });

  it("fails with TOPIC_NOT_FOUND for a topic the cluster does not have", async () => {
    const run = await cli(["tail", "-b", brokers, "--topic", unique("missing"), "--timeout", "20s"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error \[TOPIC_NOT_FOUND\]: topic kfx-cli-missing-\w+ does not exist/);
  });
});

describe("the konsumer-offsets process", () => {
  beforeAll(() => {
    // The built executable, as users run it: signals and pipes are the process's business.
    execFileSync("npx", ["tsc", "-b", PACKAGE], { stdio: "inherit", timeout: 240_000 });
  }, 300_000);

  it("exits 0 on SIGTERM, every printed line complete", async () => {
    await commitOffsets(unique("sigterm"), await sigtermTopic(), [1]);
    const child = spawn(process.execPath, [BIN, "tail", "-b", brokers], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sent = Date.now();
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
    expect(code).toBe(0);
    expect(Date.now() - sent).toBeLessThan(8000);
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout.endsWith("\n")).toBe(true);
    for (const line of stdout.split("\n").filter((l) => l.length > 0)) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it("ends quietly when its reader closes the pipe (| head -1)", async () => {
    const topic = await sigtermTopic();
    await commitOffsets(unique("epipe-before"), topic, [1]);
    const child = spawn(process.execPath, [BIN, "tail", "-b", brokers], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (status) => resolve(status)));
    const printed = await Promise.race([
      new Promise<boolean>((resolve) => child.stdout.once("data", () => resolve(true))),
      exited.then(() => false),
    ]);
    expect(printed, stderr).toBe(true);
    child.stdout.destroy();
    // As with any Unix tool, a closed pipe shows at the next write: make one happen.
    await commitOffsets(unique("epipe-after"), topic, [2]);
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve(`still running; stderr: ${stderr}`), 15_000))]);
    if (typeof code === "string") child.kill("SIGKILL");
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });

  it("fails within the connect timeout, exit 1 and a clear message, when no broker answers", async () => {
    const port = await closedPort();
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, "tail", "-b", `127.0.0.1:${port}`, "--connect-timeout", "2s"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stderr).toMatch(new RegExp(`error \\[BROKERS_UNREACHABLE\\]: cannot reach Kafka at 127\\.0\\.0\\.1:${port} within 2 s`));
  });

  it("exits 2 with one message on a bad flag", async () => {
    const child = spawn(process.execPath, [BIN, "tail", "--brokers", brokers, "--max-records", "many"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/option '-n, --max-records <count>' argument 'many' is invalid/);
  });
});
