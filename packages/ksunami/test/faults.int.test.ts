/**
 * A broker stopped and started again mid-run: ksunami keeps running, counts every record's outcome
 * (delivered + failed === produced, nothing left in flight), and resumes delivering when the broker is back.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startKafka } from "@kafkesc/kafka-harness";
import type { KafkaCluster } from "@kafkesc/kafka-harness";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "./support/kafka.js";

let cluster: KafkaCluster;
beforeAll(async () => {
  cluster = await startKafka({ nodes: 1 });
});
afterAll(async () => {
  await cluster?.stop();
});

test("broker down mid-run (killed, restarted after 6 s): failures reported, nothing uncounted, delivery resumes", async () => {
  const brokers = cluster.bootstrapServers;
  const topic = uniqueTopic("faults");
  await createTopic(brokers, topic, 2);
  let stoppedAt = 0;
  let restartedAt = 0;
  // Stop the broker after 3 s, start it again after 6 s (starting takes a while on a busy machine), run 6 s more, then stop ksunami as SIGINT does.
  const stop = new AbortController();
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stoppedAt = Date.now();
    await cluster.stopNode(cluster.nodeIds[0]!, { signal: "SIGKILL" });
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await cluster.startNode(cluster.nodeIds[0]!);
    restartedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    stop.abort();
  })();
  const result = await runKsunami([
    "-b", brokers, "-t", topic, "-p", "alpha:24", "--min", "200", "--max", "200", "--min-sec", "1", "--max-sec", "1", "--up", "none",
    "-c", "message.timeout.ms:4000", "-c", "reconnect.backoff.max.ms:500", "--flush-timeout", "30",
  ], stop.signal);
  await outage;
  const counts = result.counts!;
  console.log(`faults: broker stopped at ${(stoppedAt - result.startEpochMs) / 1000} s, back at ${(restartedAt - result.startEpochMs) / 1000} s; produced ${counts.produced}, delivered ${counts.delivered}, failed ${counts.failed}, unconfirmed ${result.unconfirmed}, skipped ${result.progress?.skipped}`);

  // Nothing uncounted.
  expect(result.unconfirmed).toBe(0);
  expect(counts.delivered + counts.failed).toBe(counts.produced);
  // It kept running through the outage: every record due over the whole duration was produced (or skipped, and counted as such).
  // (At the stop, at most the records due since the last tick were not sent yet.)
  expect(result.progress!.due - result.progress!.sent - result.progress!.skipped).toBeLessThanOrEqual(5);
  expect(result.progress!.elapsedSec).toBeGreaterThan((restartedAt - result.startEpochMs) / 1000 + 5);
  // The records that waited longer than message.timeout.ms failed, and were reported.
  expect(counts.failed).toBeGreaterThan(0);
  expect(result.exitCode).toBe(1);
  expect(result.stats.total.failed).toBe(counts.failed);

  // What was reported delivered is in the topic; some of it was sent after the broker came back.
  const records = await consumeAll(brokers, topic, 2, counts.delivered);
  const distinct = new Set(records.map((r) => r.value!.toString()));
  expect(distinct.size).toBeGreaterThanOrEqual(counts.delivered);
  expect(distinct.size).toBeLessThanOrEqual(counts.produced);
  expect(records.some((r) => r.timestamp > restartedAt + 500)).toBe(true);
  expect(records.some((r) => r.timestamp < stoppedAt)).toBe(true);
});
