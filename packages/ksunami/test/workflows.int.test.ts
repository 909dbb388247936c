/**
 * The workflows on a real Kafka: several topics sharing one wave by weight, `file-lines:` payloads, transactions
 * (committed and aborted counts against read_committed and read_uncommitted consumers), and one wave from three
 * processes (`--shards 3`) that together produce the planned rate in every second.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { parseTransition } from "../src/wave/curves.js";
import { WavePlan } from "../src/wave/plan.js";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "./support/kafka.js";

const brokers = inject("kafkaBootstrap");
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ksunami-workflows-"));

beforeAll(() => {
  execFileSync("npx", ["tsc", "-b", packageDir], { stdio: "inherit" });
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A constant rate for `seconds`. These tests count records, not timing: `--max-lag 10` keeps a machine starved by its
 * neighbours from skipping records (the pacing's timing is wave.int.test.ts's).
 */
const constant = (rate: number, seconds: number) => ["--min", String(rate), "--max", String(rate), "--min-sec", String(seconds), "--max-sec", "0", "--up", "none", "--cycles", "1", "--max-lag", "10"];

test("two topics with weights 3:1 receive records in that ratio (within 2 %), counted per topic", async () => {
  const a = uniqueTopic("weight-a");
  const b = uniqueTopic("weight-b");
  await createTopic(brokers, a, 2);
  await createTopic(brokers, b, 1);
  const result = await runKsunami(["-b", brokers, "-t", `${a}:3`, "-t", `${b}:1`, "-p", "alpha:10", ...constant(500, 3)]);
  expect(result.exitCode).toBe(0);
  expect(result.counts).toEqual({ produced: 1500, delivered: 1500, failed: 0 });
  const [inA, inB] = await Promise.all([consumeAll(brokers, a, 2, 1500, 3000), consumeAll(brokers, b, 1, 1500, 3000)]);
  expect(inA.length + inB.length).toBe(1500);
  expect(Math.abs(inA.length / inB.length - 3) / 3).toBeLessThan(0.02);
  expect(result.topics).toEqual([
    { topic: a, produced: inA.length, delivered: inA.length, failed: 0 },
    { topic: b, produced: inB.length, delivered: inB.length, failed: 0 },
  ]);
  // The ratio holds in every second of the wave, not only overall (records are stamped with their due time).
  for (let s = 0; s < 3; s++) {
    const second = (records: typeof inA) => records.filter((r) => r.timestamp >= result.startEpochMs + s * 1000 && r.timestamp < result.startEpochMs + (s + 1) * 1000).length;
    expect(Math.abs(second(inA) / second(inB) - 3) / 3).toBeLessThan(0.02);
  }
}, 120_000);

/** A TCP port free at the time of asking. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

test("the built CLI serves counters per topic and per transaction outcome while it runs, and sums them in its summary", async () => {
  const a = uniqueTopic("metrics-a");
  const b = uniqueTopic("metrics-b");
  await createTopic(brokers, a, 1);
  await createTopic(brokers, b, 1);
  const port = await freePort();
  const child = spawn(process.execPath, [cli, "-b", brokers, "-t", `${a}:1`, "-t", `${b}:1`, "--min", "200", "--max", "200", "--duration", "5", "--max-lag", "10", "--metrics-port", String(port),
    "--transactional-id", uniqueTopic("metrics-txn"), "--records-per-transaction", "20", "--abort-ratio", "0.5", "--seed", "3"], { env: { PATH: process.env.PATH } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  // Scrape once the run is well under way.
  let text = "";
  for (let i = 0; i < 40 && !/ksunami_transactions_total\{outcome="committed"\} [1-9]/.test(text); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => "");
  }
  const value = (name: string, label: string) => Number(new RegExp(`^${name}\\{${label}\\} (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
  expect(value("ksunami_topic_records_produced_total", `topic="${a}"`)).toBeGreaterThan(0);
  expect(Math.abs(value("ksunami_topic_records_produced_total", `topic="${a}"`) - value("ksunami_topic_records_produced_total", `topic="${b}"`))).toBeLessThanOrEqual(1);
  expect(value("ksunami_transactions_total", 'outcome="committed"') + value("ksunami_transactions_total", 'outcome="aborted"')).toBeGreaterThan(0);
  expect(await exited, stderr).toBe(0);
  // The summary: the records sent (1,000 unless the machine stalled past --max-lag), half per topic, all delivered, and
  // every record in a committed or an aborted transaction.
  const count = (text: string) => Number(text.replace(/,/g, ""));
  const sent = count(/records due, ([\d,]+) sent/.exec(stderr)![1]!);
  expect(sent).toBeGreaterThan(900);
  const perTopic = [a, b].map((topic) => new RegExp(`${topic}\\s+([\\d,]+)\\s+([\\d,]+)\\s+0\\n`).exec(stderr)!.slice(1).map(count));
  for (const [produced, delivered] of perTopic) {
    expect(delivered).toBe(produced);
    expect(Math.abs(produced! - sent / 2)).toBeLessThanOrEqual(0.5);
  }
  const t = /transactions: committed (\d+) \(([\d,]+) records\), aborted (\d+) \(([\d,]+) records\)/.exec(stderr);
  expect(t, stderr).not.toBeNull();
  expect(Number(t![1]) + Number(t![3])).toBe(Math.ceil(sent / 20));
  expect(count(t![2]!) + count(t![4]!)).toBe(sent);
}, 120_000);

test("file-lines: payloads come back in the file's order; file-lines-random: every line appears", async () => {
  const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ id: i, name: `line-${i}` }));
  const path = join(dir, "lines.jsonl");
  writeFileSync(path, lines.join("\n") + "\n");
  const sequential = uniqueTopic("lines");
  await createTopic(brokers, sequential, 1);
  const result = await runKsunami(["-b", brokers, "-t", sequential, "-p", `file-lines:${path}`, "-k", `file-lines:${path}`, "-c", "enable.idempotence=true", ...constant(250, 1)]);
  expect(result.counts).toMatchObject({ delivered: 250, failed: 0 });
  const records = await consumeAll(brokers, sequential, 1, 250, 3000);
  expect(records.map((r) => r.value?.toString())).toEqual(Array.from({ length: 250 }, (_, i) => lines[i % 100]));
  expect(records.map((r) => r.key?.toString())).toEqual(Array.from({ length: 250 }, (_, i) => lines[i % 100]));

  const random = uniqueTopic("lines-random");
  await createTopic(brokers, random, 1);
  const few = join(dir, "few.txt");
  writeFileSync(few, Array.from({ length: 20 }, (_, i) => `value-${i}`).join("\n"));
  await runKsunami(["-b", brokers, "-t", random, "-p", `file-lines-random:${few}`, "--seed", "42", ...constant(500, 1)]);
  const values = (await consumeAll(brokers, random, 1, 500, 3000)).map((r) => r.value?.toString());
  expect(values).toHaveLength(500);
  expect(new Set(values)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `value-${i}`)));
  // Not the file's order: drawn at random (the chance of 500 draws in order is nil).
  expect(values.slice(0, 20)).not.toEqual(Array.from({ length: 20 }, (_, i) => `value-${i}`));
}, 120_000);

test("transactions: committed and aborted counts equal what read_committed and read_uncommitted consumers see", async () => {
  const topic = uniqueTopic("transactions");
  await createTopic(brokers, topic, 3);
  const result = await runKsunami([
    "-b", brokers, "-t", topic, "-p", "alpha:20", "--transactional-id", uniqueTopic("txn"),
    "--records-per-transaction", "50", "--abort-ratio", "0.3", "--seed", "11", ...constant(500, 3),
  ]);
  expect(result.exitCode).toBe(0);
  const t = result.transactions!;
  expect(t.committedRecords + t.abortedRecords).toBe(1500);
  expect(t.committedTransactions + t.abortedTransactions).toBe(30);
  expect(t.abortedTransactions).toBeGreaterThan(0);
  expect(t.committedTransactions).toBeGreaterThan(0);
  // Waits for more than expected until idle: proves that no more records are there.
  const committed = await consumeAll(brokers, topic, 3, t.committedRecords + 1, 3000, { "isolation.level": "read_committed" });
  const all = await consumeAll(brokers, topic, 3, t.committedRecords + t.abortedRecords + 1, 3000, { "isolation.level": "read_uncommitted" });
  expect(committed.length).toBe(t.committedRecords);
  expect(all.length).toBe(t.committedRecords + t.abortedRecords);
  // The same seed aborts the same transactions.
  const again = await runKsunami([
    "-b", brokers, "-t", topic, "-p", "alpha:20", "--transactional-id", uniqueTopic("txn"),
    "--records-per-transaction", "50", "--abort-ratio", "0.3", "--seed", "11", ...constant(500, 3),
  ]);
  expect(again.transactions).toEqual(t);
}, 180_000);

test("--shards 3: three processes together produce, in every second, the planned rate within 1 %", async () => {
  const topic = uniqueTopic("shards");
  await createTopic(brokers, topic, 3);
  const wave = ["--min", "300", "--min-sec", "2", "--max", "1200", "--max-sec", "2", "--up", "ease-in-out", "--up-sec", "2", "--down", "linear", "--down-sec", "2"];
  const plan = new WavePlan({ min: 300, minSec: 2, max: 1200, maxSec: 2, up: parseTransition("ease-in-out", "up"), upSec: 2, down: parseTransition("linear", "down"), downSec: 2 });
  const seconds = 8;
  // A shared origin a few seconds ahead: every process waits for it, whenever it started.
  const startAt = Math.ceil(Date.now() / 1000) * 1000 + 6000;
  const runs = [0, 1, 2].map((index) => {
    const child = spawn(process.execPath, [cli, "-b", brokers, "-t", topic, "-p", "alpha:10", ...wave, "--duration", String(seconds), "--start-at", String(startAt), "--shards", "3", "--max-lag", "10"], {
      env: { PATH: process.env.PATH, JOB_COMPLETION_INDEX: String(index) },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  });
  const ends = await Promise.all(runs);
  for (const end of ends) expect(end.code, end.stderr).toBe(0);
  const planned = Math.floor(plan.areaAt(seconds) + 1e-9);
  const records = await consumeAll(brokers, topic, 3, planned + 1, 3000);
  expect(records.length).toBe(planned);
  let worst = 0;
  for (let s = 0; s < seconds; s++) {
    const inSecond = records.filter((r) => r.timestamp >= startAt + s * 1000 && r.timestamp < startAt + (s + 1) * 1000).length;
    const target = plan.areaAt(s + 1) - plan.areaAt(s);
    worst = Math.max(worst, Math.abs(inSecond - target) / target);
    expect(Math.abs(inSecond - target) / target, `second ${s}: ${inSecond} records, planned ${target.toFixed(1)}`).toBeLessThan(0.01);
  }
  console.log(`--shards 3: ${records.length} records, planned ${planned}; worst second ${(worst * 100).toFixed(2)} % off the plan`);
  // Each process produced its third (the summaries' delivered counts, within one record each).
  const delivered = ends.map((e) => Number(/delivered ([\d,]+) \+ failed/.exec(e.stderr)![1]!.replace(/,/g, "")));
  expect(delivered.reduce((a, b) => a + b, 0)).toBe(planned);
  for (const d of delivered) expect(Math.abs(d - planned / 3)).toBeLessThanOrEqual(1);
}, 180_000);
