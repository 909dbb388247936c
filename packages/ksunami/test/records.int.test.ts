/** Keys, payloads, headers and explicit partitions on a real Kafka are as asked; timestamps are the intended send times. */
import { expect, inject, test } from "vitest";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "./support/kafka.js";

const brokers = inject("kafkaBootstrap");

test("keys, payloads, headers (order and duplicates kept) and an explicit partition", async () => {
  const topic = uniqueTopic("records");
  await createTopic(brokers, topic, 3);
  const before = Date.now();
  const result = await runKsunami([
    "-b", brokers, "-t", topic, "--partition", "2", "-k", "int:-3--1", "-p", "alpha:20",
    "--head", "trace:abc", "--head", "dup:1", "--head", "dup:2", "--head", "colon:a:b",
    "--min", "200", "--max", "200", "--min-sec", "1", "--max-sec", "1", "--up", "none", "--cycles", "1",
  ]);
  expect(result.exitCode).toBe(0);
  expect(result.counts).toEqual({ produced: 400, delivered: 400, failed: 0 });
  const records = await consumeAll(brokers, topic, 3, 400);
  expect(records.length).toBe(400);
  for (const r of records) {
    expect(r.partition).toBe(2);
    expect(["-3", "-2", "-1"]).toContain(r.key?.toString());
    expect(r.value?.toString()).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(r.headers.map((h) => Object.entries(h).map(([k, v]) => [k, v.toString()])[0])).toEqual([["trace", "abc"], ["dup", "1"], ["dup", "2"], ["colon", "a:b"]]);
    // CreateTime is the record's intended send time, within the run.
    expect(r.timestamp).toBeGreaterThanOrEqual(before);
    expect(r.timestamp).toBeLessThanOrEqual(result.startEpochMs + 2000);
  }
  expect(new Set(records.map((r) => r.key?.toString())).size).toBe(3);
  // Record i is stamped with its due time: at 200 rec/s, 5 ms apart. (Order is not asserted: without
  // idempotence a retried request may land after a later one.)
  const offsets = records.map((r) => r.timestamp - result.startEpochMs).sort((a, b) => a - b);
  expect(offsets).toEqual(Array.from({ length: 400 }, (_, i) => 5 * (i + 1)));
  // Latency was measured from those timestamps for every delivery.
  expect(result.stats.total.latency.count).toBe(400);
  expect(result.stats.latencyUnknown).toBe(0);
});

test("int and float as 8-byte big-endian binary with --binary-numbers, keyless records when no key", async () => {
  const topic = uniqueTopic("binary");
  await createTopic(brokers, topic, 1);
  const result = await runKsunami(["-b", brokers, "-t", topic, "-p", "float:-2.5-2.5", "--binary-numbers", "--min", "100", "--max", "100", "--min-sec", "1", "--max-sec", "0", "--up", "none", "--cycles", "1"]);
  expect(result.counts).toEqual({ produced: 100, delivered: 100, failed: 0 });
  const records = await consumeAll(brokers, topic, 1, 100);
  for (const r of records) {
    expect(r.key).toBeNull();
    expect(r.value?.length).toBe(8);
    const v = r.value!.readDoubleBE();
    expect(v).toBeGreaterThanOrEqual(-2.5);
    expect(v).toBeLessThanOrEqual(2.5);
  }
});

test("a missing topic and an out-of-range partition are bad input (code 2 at the CLI), found before producing", async () => {
  await expect(runKsunami(["-b", brokers, "-t", uniqueTopic("missing"), "-c", "allow.auto.create.topics:false", "--min", "1", "--max", "1"])).rejects.toMatchObject({ code: "TOPIC_NOT_FOUND" });
  const topic = uniqueTopic("partitions");
  await createTopic(brokers, topic, 2);
  await expect(runKsunami(["-b", brokers, "-t", topic, "--partition", "2", "--min", "1", "--max", "1"])).rejects.toMatchObject({
    code: "PARTITION_NOT_FOUND",
    message: `--partition: topic '${topic}' has 2 partitions (0-1), not 2`,
  });
});
