/**
 * On the shared Kafka broker: dumps captured with `tail --format json`, and written as kcat's `-J` envelopes, decode
 * back to exactly what `tail` printed; `tail --from` a time, a time ago and offsets per partition, `--partition` and
 * `--until` (end, offsets, a time) read exactly the records they name. The records are real `__consumer_offsets`
 * records (the captured fixtures) produced to a copy topic with known timestamps.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { createTopic, readTopic } from "@kafkesc/kafka-io";
import type { RawRecord } from "@kafkesc/kafka-io";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runTail } from "../src/commands/tail.js";
import type { TailCommandOptions } from "../src/commands/tail.js";
import { NO_SETTINGS } from "@kafkesc/kafka-io";
import { LineSink } from "../src/output.js";
import { KEEP_ALL } from "../src/record-filter.js";
import { cli, kcatLine, realRecords } from "./helpers.js";
import { PassThrough } from "node:stream";

const brokers = inject("kafkaBootstrap");
const BIN = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const PARTITIONS = 3;
const PER_PARTITION = 6;
/** Records 0-2 of each partition are two hours old, 3-5 one minute old; one second apart within each group. */
const now = Date.now();
const OLD = now - 2 * 3_600_000;
const RECENT = now - 60_000;
const timestampOf = (index: number) => (index < 3 ? OLD + index * 1000 : RECENT + (index - 3) * 1000);

/** One line of `tail --format json`. */
interface TailLine {
  partition: number;
  offset: number;
  timestamp: number;
  record: { type: string };
}

const parse = (stdout: string): TailLine[] =>
  stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as TailLine);
/** Partition → the offsets printed for it, in order. */
const offsetsByPartition = (lines: TailLine[]) => {
  const found: Record<number, number[]> = {};
  for (const line of lines) (found[line.partition] ??= []).push(line.offset);
  return found;
};
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

async function produceCopy(topic: string): Promise<void> {
  await createTopic({ "bootstrap.servers": brokers }, topic, { partitions: PARTITIONS });
  const records = realRecords().filter((record) => record.value !== null);
  const producer = new RdKafka.Producer({ "bootstrap.servers": brokers, "enable.idempotence": true });
  await new Promise<void>((resolve, reject) => producer.connect({}, (error) => (error ? reject(error) : resolve())));
  for (let partition = 0; partition < PARTITIONS; partition++) {
    for (let index = 0; index < PER_PARTITION; index++) {
      const record = records[(partition * PER_PARTITION + index) % records.length];
      if (record === undefined) throw new Error("no fixture records");
      producer.produce(topic, partition, Buffer.from(record.value ?? "", "hex"), Buffer.from(record.key, "hex"), timestampOf(index));
    }
  }
  await new Promise<void>((resolve, reject) => producer.flush(30_000, (error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
}

/** Every record of the topic as stored, read with kafka-io's reader. */
async function rawRecords(topic: string): Promise<RawRecord[]> {
  const all: RawRecord[] = [];
  await readTopic(
    { brokers, topic, from: "beginning", isolation: "read_committed", connectTimeoutMs: 30_000, stopAtEnd: true },
    (batch) => void all.push(...batch),
    new AbortController().signal,
  );
  return all;
}

describe("dumps and seeks on a live cluster", () => {
  const topic = `kfx-cli-seek-${randomBytes(4).toString("hex")}`;
  let tailed: string;

  beforeAll(async () => {
    await produceCopy(topic);
    const run = await cli(["tail", "-b", brokers, "--topic", topic, "--format", "json", "--exit-at-end", "--timeout", "60s"]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    tailed = run.stdout;
  });

  it("decodes a dump of tail --format json back to exactly what tail printed", async () => {
    expect(parse(tailed)).toHaveLength(PARTITIONS * PER_PARTITION);
    const run = await cli(["decode"], { stdin: tailed });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe(tailed);
  });

  it("decodes kcat -J envelopes (raw bytes) of the same records to exactly what tail printed", async () => {
    const raw = new Map((await rawRecords(topic)).map((record) => [`${record.partition}:${record.offset}`, record]));
    const lines = parse(tailed).map((line) => {
      const record = raw.get(`${line.partition}:${line.offset}`);
      if (record === undefined) throw new Error(`tail printed ${line.partition}:${line.offset}, which the reader did not see`);
      return kcatLine({ topic, partition: record.partition, offset: record.offset, timestamp: record.timestamp, key: record.key, value: record.value });
    });
    const run = await cli(["decode"], { stdin: Buffer.concat(lines.flatMap((line) => [line, Buffer.from("\n")])) });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe(tailed);
  });

  it("the built binary decodes kcat -J bytes piped on its stdin to what tail printed, --format kafka too", async () => {
    const raw = await rawRecords(topic);
    const input = Buffer.concat(raw.flatMap((record) => [kcatLine(record), Buffer.from("\n")]));
    const decoded = execFileSync("node", [BIN, "decode"], { input, encoding: "utf8" });
    expect(new Set(decoded.trim().split("\n"))).toEqual(new Set(tailed.trim().split("\n")));
    const kafka = execFileSync("node", [BIN, "decode", "-f", "kafka"], { input, encoding: "utf8" });
    const tailKafka = await cli(["tail", "-b", brokers, "--topic", topic, "-f", "kafka", "--until", "end", "--timeout", "60s"]);
    expect(kafka.trim().split("\n").sort()).toEqual(tailKafka.stdout.trim().split("\n").sort());
  });

  it("--from <time> starts every partition at the first record at or after that time", async () => {
    const at = new Date(timestampOf(1)).toISOString();
    const run = await cli(["tail", "-b", brokers, "--topic", topic, "--from", at, "--exit-at-end", "--timeout", "60s"]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    const lines = parse(run.stdout);
    expect(offsetsByPartition(lines)).toEqual({ 0: range(1, 6), 1: range(1, 6), 2: range(1, 6) });
    expect(lines.every((line) => line.timestamp >= timestampOf(1))).toBe(true);

    const between = new Date(timestampOf(1) + 1).toISOString();
    const later = parse((await cli(["tail", "-b", brokers, "--topic", topic, "--from", between, "--exit-at-end", "--timeout", "60s"])).stdout);
    expect(offsetsByPartition(later)).toEqual({ 0: range(2, 6), 1: range(2, 6), 2: range(2, 6) });
  });

  it("--from -15m starts at the records of the last 15 minutes; a time after every record starts at the end", async () => {
    const run = await cli(["tail", "-b", brokers, "--topic", topic, "--from", "-15m", "--exit-at-end", "--timeout", "60s"]);
    expect(run.status).toBe(0);
    expect(offsetsByPartition(parse(run.stdout))).toEqual({ 0: range(3, 6), 1: range(3, 6), 2: range(3, 6) });
    const future = await cli(["tail", "-b", brokers, "--topic", topic, "--from", new Date(now + 3_600_000).toISOString(), "--exit-at-end", "--timeout", "60s"]);
    expect(future).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });

  it("--from P:OFFSET reads only those partitions from those offsets; --partition restricts", async () => {
    const run = await cli(["tail", "-b", brokers, "--topic", topic, "--from", "0:2,2:4", "--exit-at-end", "--timeout", "60s"]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(offsetsByPartition(parse(run.stdout))).toEqual({ 0: range(2, 6), 2: range(4, 6) });

    const one = await cli(["tail", "-b", brokers, "--topic", topic, "--partition", "1", "--exit-at-end", "--timeout", "60s"]);
    expect(one.status).toBe(0);
    expect(offsetsByPartition(parse(one.stdout))).toEqual({ 1: range(0, 6) });

    const two = await cli(["tail", "-b", brokers, "--topic", topic, "--partition", "2,0", "--from", "-15m", "--exit-at-end", "--timeout", "60s"]);
    expect(offsetsByPartition(parse(two.stdout))).toEqual({ 0: range(3, 6), 2: range(3, 6) });
  });

  it("refuses partitions the topic lacks, and a --partition without a --from offset (exit 2, one line)", async () => {
    const missing = await cli(["tail", "-b", brokers, "--topic", topic, "--partition", "0,7", "--exit-at-end", "--timeout", "60s"]);
    expect(missing).toMatchObject({ status: 2, stdout: "" });
    expect(missing.stderr).toBe(`konsumer-offsets: error [INVALID_PARTITION_CHOICE]: topic ${topic} has no partition 7 (it has 3: 0-2)\n`);
    const unset = await cli(["tail", "-b", brokers, "--topic", topic, "--partition", "0,1", "--from", "0:3", "--timeout", "60s"]);
    expect(unset).toMatchObject({ status: 2, stderr: "konsumer-offsets: error [INVALID_PARTITION_CHOICE]: no start offset for partition 1\n" });
  });

  it("--until P:OFFSET stops each partition before that offset and exits 0", async () => {
    const run = await cli(["tail", "-b", brokers, "--topic", topic, "--until", "0:3,1:1,2:6", "--timeout", "60s"]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(offsetsByPartition(parse(run.stdout))).toEqual({ 0: range(0, 3), 1: [0], 2: range(0, 6) });
    const unset = await cli(["tail", "-b", brokers, "--topic", topic, "--until", "0:3", "--timeout", "60s"]);
    expect(unset).toMatchObject({ status: 2, stderr: "konsumer-offsets: error [INVALID_PARTITION_CHOICE]: no bound offset for partition 1, 2\n" });
  });

  /** `tail` in-process, to see what ended it. */
  async function tailUntil(options: Partial<TailCommandOptions>): Promise<{ endedBy: string; lines: TailLine[] }> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    const result = await runTail(
      {
        brokers,
        topic,
        from: "beginning",
        isolation: "read_committed",
        settings: NO_SETTINGS,
        filter: KEEP_ALL,
        output: { format: "json", colour: false },
        maxRecords: undefined,
        timeoutMs: 60_000,
        exitAtEnd: false,
        connectTimeoutMs: 30_000,
        ...options,
      },
      new LineSink(out),
      new LineSink(new PassThrough()),
      new AbortController().signal,
    );
    return { endedBy: result.endedBy, lines: parse(Buffer.concat(chunks).toString("utf8")) };
  }

  it("--until end stops at the end offsets seen at start, by itself", async () => {
    const result = await tailUntil({ until: "end", from: { offsets: new Map([[0, 4], [1, 0], [2, 6]]) } });
    expect(result.endedBy).toBe("until");
    expect(offsetsByPartition(result.lines)).toEqual({ 0: [4, 5], 1: range(0, 6) });
  });

  it("--until <time> prints the records at or before it and ends once every partition passed it", async () => {
    const result = await tailUntil({ until: { timestamp: timestampOf(2) } });
    expect(result.endedBy).toBe("until");
    expect(offsetsByPartition(result.lines)).toEqual({ 0: range(0, 3), 1: range(0, 3), 2: range(0, 3) });
    const run = await cli(["tail", "-b", brokers, "--topic", topic, "--from", "-15m", "--until", "-1s", "--timeout", "60s"]);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(offsetsByPartition(parse(run.stdout))).toEqual({ 0: range(3, 6), 1: range(3, 6), 2: range(3, 6) });
  });
});
