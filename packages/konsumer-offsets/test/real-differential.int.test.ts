/**
 * Differential test against Kafka itself: the records real brokers wrote (`fixtures/real/<version>/records.jsonl`) are
 * produced, bytes untouched, into a fresh topic of the shared Kafka 4.4.0 broker; Kafka 4.4.0's own console consumer
 * prints them with `OffsetsMessageFormatter` and `GroupMetadataMessageFormatter`; `toKafkaFormat` must print the same
 * thing for every record, character for character.
 *
 * Only the record types these formatters print (0-2) are replayed: Kafka's console consumer decodes every record before
 * asking the formatter whether to print it, and Kafka 4.4.0's serde throws on the share-group records Kafka 4.0 wrote
 * (ShareGroupMetadataValue v0 without its later `MetadataHash`), which would end the tool before it prints anything.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_KAFKA_VERSION, runKafkaTool } from "@kafkesc/kafka-harness";
import { createTopic } from "@kafkesc/kafka-io";
import { decode, toKafkaFormat } from "@kafkesc/konsumer-offsets";

interface CapturedRecord {
  partition: number;
  offset: number;
  key: string;
  value: string | null;
  scenario: string;
}

/** Kafka's formatters and the record types each prints (`shouldPrint` in apache/kafka tools/.../consumer/). */
const FORMATTERS = [
  { name: "OffsetsMessageFormatter", mainClass: "org.apache.kafka.tools.consumer.OffsetsMessageFormatter", types: [0, 1] },
  { name: "GroupMetadataMessageFormatter", mainClass: "org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter", types: [2] },
] as const;

const REAL = fileURLToPath(new URL("./fixtures/real/", import.meta.url));
const VERSIONS = readdirSync(REAL).filter((name) => /^\d+\.\d+\.\d+$/.test(name)).sort();

function captured(version: string): CapturedRecord[] {
  return readFileSync(`${REAL}${version}/records.jsonl`, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as CapturedRecord);
}

/**
 * Kafka's formatters print each record's JSON with no separator: `{...}{...}`. Splits that stream into objects by
 * tracking nesting depth outside of strings (which may hold braces and escaped quotes).
 */
function splitJsonObjects(text: string): string[] {
  const objects: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{") {
      if (depth === 0) start = i;
      depth += 1;
    } else if (char === "}") {
      depth -= 1;
      if (depth === 0) objects.push(text.slice(start, i + 1));
    }
  }
  return objects;
}

/** Produces `records` in order to partition 0 of `topic`, tombstones as null values, and waits for every delivery. */
async function produceAll(brokers: string, topic: string, records: readonly CapturedRecord[]): Promise<void> {
  const producer = new RdKafka.Producer({ "bootstrap.servers": brokers, dr_cb: true, "enable.idempotence": true });
  await new Promise<void>((resolve, reject) => producer.connect({ timeout: 30_000 }, (error) => (error ? reject(error) : resolve())));
  let delivered = 0;
  const done = new Promise<void>((resolve, reject) => {
    producer.on("delivery-report", (error) => {
      if (error) reject(new Error(error.message));
      delivered += 1;
      if (delivered === records.length) resolve();
    });
  });
  producer.setPollInterval(20);
  for (const record of records) {
    producer.produce(topic, 0, record.value === null ? null : Buffer.from(record.value, "hex"), Buffer.from(record.key, "hex"));
  }
  await done;
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
}

const printedTypes = new Set<number>(FORMATTERS.flatMap((formatter) => formatter.types));
const recordType = (record: CapturedRecord) => Buffer.from(record.key, "hex").readInt16BE(0);

describe.each(VERSIONS)("records captured from Kafka %s, printed by Kafka 4.4.0's formatters and by toKafkaFormat", (version) => {
  const records = captured(version).filter((record) => printedTypes.has(recordType(record)));
  const brokers = inject("kafkaBootstrap");
  const topic = `kfx-differential-${version.replaceAll(".", "-")}-${randomBytes(4).toString("hex")}`;
  let admin: RdKafka.IAdminClient;

  beforeAll(async () => {
    await createTopic({ "bootstrap.servers": brokers }, topic);
    admin = RdKafka.AdminClient.create({ "bootstrap.servers": brokers });
    await produceAll(brokers, topic, records);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => admin.deleteTopic(topic, 30_000, () => resolve()));
    admin.disconnect();
  });

  it.each(FORMATTERS.map((formatter) => [formatter.name, formatter] as const))("%s", async (_name, formatter) => {
    const result = await runKafkaTool(
      DEFAULT_KAFKA_VERSION,
      "org.apache.kafka.tools.consumer.ConsoleConsumer",
      ["--bootstrap-server", brokers, "--topic", topic, "--from-beginning", "--formatter", formatter.mainClass, "--max-messages", String(records.length), "--timeout-ms", "30000"],
      { timeoutMs: 90_000 },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const kafka = splitJsonObjects(result.stdout);

    const selected = records.filter((record) => (formatter.types as readonly number[]).includes(recordType(record)));
    const ours = selected.map((record) => {
      try {
        return toKafkaFormat(decode(Buffer.from(record.key, "hex"), record.value === null ? null : Buffer.from(record.value, "hex")));
      } catch (error) {
        return `decode error: ${String(error)}`;
      }
    });

    expect(selected.length).toBeGreaterThan(0);
    expect(kafka).toHaveLength(selected.length);
    const mismatches = selected.flatMap((record, index) =>
      ours[index] === kafka[index] ? [] : [{ at: `p${record.partition}@${record.offset} (${record.scenario})`, ours: ours[index], kafka: kafka[index] }],
    );
    expect(mismatches).toEqual([]);
  });
});
