/**
 * Above 100 k records/s ksunami asks librdkafka for failure reports only: on a real Kafka every record is still
 * counted (delivered + failed = produced, and the topic holds exactly the delivered ones), failures one by one.
 */
import { expect, inject, test } from "vitest";
import { parseCommandLine } from "../../src/command-line.js";
import { producerConfig } from "../../src/produce/producer.js";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "../support/kafka.js";

const brokers = inject("kafkaBootstrap");

/** librdkafka settings ksunami would use for `argv`. */
function configOf(argv: string[]): Record<string, unknown> {
  const parsed = parseCommandLine(["-b", brokers, "-t", "t", ...argv]);
  if (parsed.kind !== "options") throw new Error(`not a run: ${argv.join(" ")}`);
  return producerConfig(parsed.options) as Record<string, unknown>;
}

test("per-record reports up to 100 k records/s, failure reports only above, and -c overrides the choice", () => {
  expect(configOf(["--min", "10", "--max", "100000"])["delivery.report.only.error"]).toBe(false);
  expect(configOf(["--min", "10", "--max", "100001"])).toMatchObject({ "delivery.report.only.error": true, "statistics.interval.ms": 250 });
  expect(configOf(["--min", "10", "--max", "500000", "-c", "delivery.report.only.error:false"])["delivery.report.only.error"]).toBe("false");
});

test("a fast wave (failure reports only) counts every record: the topic holds exactly the delivered ones", async () => {
  const topic = uniqueTopic("fast");
  await createTopic(brokers, topic, 3);
  const result = await runKsunami(["-b", brokers, "-t", topic, "-p", "bytes:100", "--min", "150000", "--max", "150000", "--min-sec", "3600",
    "--max-sec", "0", "--up", "none", "--duration", "1", "--max-lag", "60"]);
  expect(result.exitCode).toBe(0);
  expect(result.counts).toEqual({ produced: 150_000, delivered: 150_000, failed: 0 });
  expect(result.unconfirmed).toBe(0);
  // every delivery is attributed to its phase, none has a latency (no report of its own)
  expect(result.stats.total.delivered).toBe(150_000);
  expect(result.stats.byPhase.get("min")!.delivered).toBe(150_000);
  expect(result.stats.latencyNotReported).toBe(150_000);
  const records = await consumeAll(brokers, topic, 3, 150_000);
  expect(records.length).toBe(150_000);
});

test("failure reports only: records the broker refuses are each counted failed, the others delivered, exit 1", async () => {
  // The topic takes record batches of at most 300 bytes: 400-byte payloads are refused by the broker (a delivery
  // report with an error), 20-byte ones are stored.
  const topic = uniqueTopic("refused");
  await createTopic(brokers, topic, 1, { "max.message.bytes": "300" });
  const refused = await runKsunami(["-b", brokers, "-t", topic, "-p", "bytes:400", "--min", "500", "--max", "500", "--min-sec", "3600",
    "--max-sec", "0", "--up", "none", "--duration", "1", "-c", "delivery.report.only.error:true", "-c", "message.send.max.retries:0"]);
  expect(refused.exitCode).toBe(1);
  expect(refused.counts).toEqual({ produced: 500, delivered: 0, failed: 500 });
  expect(refused.stats.total.failed).toBe(500);
  const stored = await runKsunami(["-b", brokers, "-t", topic, "-p", "bytes:20", "--min", "500", "--max", "500", "--min-sec", "3600",
    "--max-sec", "0", "--up", "none", "--duration", "1", "-c", "delivery.report.only.error:true", "-c", "batch.size:250"]);
  expect(stored.exitCode).toBe(0);
  expect(stored.counts).toEqual({ produced: 500, delivered: 500, failed: 0 });
  expect((await consumeAll(brokers, topic, 1, 500)).length).toBe(500);
});
