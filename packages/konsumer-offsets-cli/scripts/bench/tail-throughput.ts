/**
 * `npm run bench -w packages/konsumer-offsets-cli`: how fast `konsumer-offsets tail` reads and decodes offset records
 * from a real broker, to compare with Burrow (40-50 k offset records/s) and kminion (100-120 k) on 2 cores.
 *
 * Starts Kafka 4.4.0 with the harness, fills two 8-partition topics with records that real brokers wrote (the 4.4.0
 * fixtures, cycled): one with offset commits only (OffsetCommitValue v4), one with every record type. Then measures
 * (1) the reader and decoder in-process with no output, and (2) the built CLI end to end (`tail --topic T
 * --exit-at-end`, output to /dev/null) for each format, start-up and connection included.
 * Environment: BENCH_COMMITS, BENCH_MIXED (record counts), BENCH_NODE_FLAGS (flags for the CLI's node, e.g. --cpu-prof).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { DEFAULT_KAFKA_VERSION, startKafka } from "@kafkesc/kafka-harness";
import { decode } from "@kafkesc/konsumer-offsets";
import { readTopic } from "@kafkesc/kafka-io";

const PARTITIONS = 8;
const COMMITS = Number(process.env["BENCH_COMMITS"] ?? 300_000);
const MIXED = Number(process.env["BENCH_MIXED"] ?? 100_000);
const CLI = fileURLToPath(new URL("../../cli.js", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../../../konsumer-offsets/test/fixtures/real/4.4.0/records.jsonl", import.meta.url));

interface Pair {
  key: Buffer;
  value: Buffer | null;
}

const fixtures: Pair[] = readFileSync(FIXTURES, "utf8")
  .split("\n")
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line) as { key: string; value: string | null })
  .map((record) => ({ key: Buffer.from(record.key, "hex"), value: record.value === null ? null : Buffer.from(record.value, "hex") }));
const commits = fixtures.filter((pair) => pair.key.readInt16BE(0) === 1 && pair.value !== null);

/** Produces `count` records cycling through `pairs`, spread over the partitions, and waits for every delivery. */
async function fill(brokers: string, topic: string, pairs: readonly Pair[], count: number): Promise<void> {
  const producer = new RdKafka.Producer({ "bootstrap.servers": brokers, dr_cb: true, "linger.ms": 20, "batch.num.messages": 10_000, "queue.buffering.max.messages": 1_000_000 });
  await new Promise<void>((resolve, reject) => producer.connect({}, (error) => (error ? reject(error) : resolve())));
  let delivered = 0;
  const done = new Promise<void>((resolve, reject) =>
    producer.on("delivery-report", (error) => {
      if (error) reject(new Error(error.message));
      if (++delivered === count) resolve();
    }),
  );
  producer.setPollInterval(10);
  for (let i = 0; i < count; i += 1) {
    const pair = pairs[i % pairs.length] as Pair;
    for (;;) {
      try {
        producer.produce(topic, i % PARTITIONS, pair.value, pair.key);
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 5)); // local queue full: let deliveries drain
      }
    }
  }
  await done;
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
}

/** Reads the whole topic in-process, decoding every record when `decodeRecords`; returns records/s. */
async function readAndDecode(
  brokers: string,
  topic: string,
  decodeRecords: boolean,
): Promise<{ records: number; perSecond: number; perCpuSecond: number }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let decoded = 0;
  const summary = await readTopic(
    { brokers, topic, from: "beginning", isolation: "read_committed", connectTimeoutMs: 10_000, stopAtEnd: true },
    (batch) => {
      if (!decodeRecords) decoded += batch.length;
      else for (const raw of batch) if (raw.key !== null && decode(raw.key, raw.value)) decoded += 1;
    },
    AbortSignal.timeout(300_000),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (decoded !== summary.records) throw new Error(`decoded ${decoded} of ${summary.records}`);
  return { records: decoded, perSecond: decoded / seconds, perCpuSecond: decoded / cpuSeconds };
}

/**
 * Runs the built CLI over the whole topic with stdout to /dev/null (through bash's `time`, for its CPU time);
 * returns wall-clock and CPU-time records/s.
 */
async function runCli(
  brokers: string,
  topic: string,
  format: string,
  records: number,
): Promise<{ seconds: number; perSecond: number; perCpuSecond: number }> {
  const started = process.hrtime.bigint();
  const nodeFlags = process.env["BENCH_NODE_FLAGS"] ?? ""; // e.g. --cpu-prof, to see where the CLI spends its time
  const command = `time -p '${process.execPath}' ${nodeFlags} '${CLI}' tail -b '${brokers}' --topic '${topic}' --exit-at-end --format ${format} > /dev/null`;
  const child = spawn("bash", ["-c", command], { stdio: ["ignore", "ignore", "pipe"] });
  let timing = "";
  child.stderr.on("data", (chunk: Buffer) => (timing += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`konsumer-offsets exited with ${code}: ${timing}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = (name: string) => Number(new RegExp(`^${name} ([\\d.]+)$`, "m").exec(timing)?.[1] ?? NaN);
  return { seconds, perSecond: records / seconds, perCpuSecond: records / (cpu("user") + cpu("sys")) };
}

/** A figure for `npm run bench`'s table (scripts/bench-table.mjs at the repository's root). */
interface Figure {
  ours: number;
  note?: string;
}
const figures: Record<string, Figure> = {};
const cluster = await startKafka({ version: DEFAULT_KAFKA_VERSION });
try {
  const brokers = cluster.bootstrapServers;
  const corpora = [
    { name: "offset commits (v4)", topic: "bench-commits", pairs: commits, count: COMMITS },
    { name: `every record type (${fixtures.length} real records cycled)`, topic: "bench-mixed", pairs: fixtures, count: MIXED },
  ];
  for (const corpus of corpora) {
    await cluster.createTopic(corpus.topic, { partitions: PARTITIONS });
    await fill(brokers, corpus.topic, corpus.pairs, corpus.count);
  }
  const format = (n: number) => `${Math.round(n).toLocaleString("en-US")} records/s`;
  console.log(`konsumer-offsets tail throughput, Kafka ${DEFAULT_KAFKA_VERSION} on loopback, ${PARTITIONS} partitions`);
  console.log(`(the broker runs on the same machine; load average ${loadavg().map((n) => n.toFixed(1)).join(" ")}: "of CPU" figures, records per CPU-second of the reader, depend less on other load than wall-clock ones)`);
  for (const corpus of corpora) {
    console.log(`\n${corpus.name}: ${corpus.count.toLocaleString("en-US")} records`);
    const readOnly = await readAndDecode(brokers, corpus.topic, false);
    console.log(`  read only (librdkafka to JS), in-process:  ${format(readOnly.perSecond)}; ${format(readOnly.perCpuSecond)} of CPU`);
    const inProcess = await readAndDecode(brokers, corpus.topic, true);
    console.log(`  read + decode, in-process, no output:      ${format(inProcess.perSecond)}; ${format(inProcess.perCpuSecond)} of CPU`);
    const note = `${corpus.count.toLocaleString("en-US")} records, ${PARTITIONS} partitions`;
    if (corpus.topic === "bench-commits") figures["tail-decode"] = { ours: inProcess.perCpuSecond, note };
    for (const output of ["json", "kafka", "pretty"]) {
      const run = await runCli(brokers, corpus.topic, output, corpus.count);
      console.log(
        `  CLI tail --format ${output} > /dev/null:  ${format(run.perSecond)} (${run.seconds.toFixed(2)} s, start-up included); ${format(run.perCpuSecond)} of CPU`,
      );
      if (corpus.topic === "bench-commits" && output === "json") figures["tail-json"] = { ours: run.perCpuSecond, note: "start-up included" };
    }
  }
} finally {
  await cluster.stop();
}
// From dist/scripts/bench/ (where this runs) up to the repository's root.
const results = (await import(new URL("../../../../../scripts/bench-results.mjs", import.meta.url).href)) as { record: (name: string, figures: Record<string, Figure>) => void };
results.record("konsumer-offsets-cli", figures);
