/**
 * A run on a real Kafka, in order (so that the fault test's broker restarts do not steal the pacing test's CPU):
 * 1. the wave: records per window follow the plan, measured twice. Send side: when ksunami handed each record to
 *    the client (what ksunami controls). Broker side: the topic uses LogAppendTime, so each record's timestamp is
 *    when the broker appended it (what Kafka saw, including the broker's own pauses on a shared machine);
 * 2. faults: a broker stopped and started again mid-run: ksunami keeps running, counts every record's outcome
 *    (delivered + failed === produced, nothing left in flight), and resumes delivering when the broker is back.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startKafka } from "@kafkesc/kafka-harness";
import type { KafkaCluster } from "@kafkesc/kafka-harness";
import { parseTransition } from "../src/wave/curves.js";
import { WavePlan } from "../src/wave/plan.js";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "./support/kafka.js";

/** Relative error of records per window against the plan's area over that window, for every whole window of one cycle. */
function windowErrors(events: ReadonlyArray<readonly [number, number]>, plan: WavePlan, window: number): number[] {
  const windows = Math.floor(plan.period / window + 1e-9);
  const counts = new Array<number>(windows).fill(0);
  for (const [seconds, count] of events) {
    const w = Math.floor(seconds / window);
    if (w >= 0 && w < windows) counts[w]! += count;
  }
  return counts.map((count, w) => {
    const expected = plan.areaAt((w + 1) * window) - plan.areaAt(w * window);
    return Math.abs(count - expected) / expected;
  });
}

const percent = (errors: number[]) => `${(Math.max(...errors) * 100).toFixed(2)} %`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.sequential("a run on a real Kafka", () => {
  // Timing on a shared 2-core machine: a run starved of CPU by the neighbours is run again (at most twice).
  test("records per second and per 100 ms follow the planned wave (linear up, ease-in-out down)", { retry: 2 }, async () => {
    const brokers = inject("kafkaBootstrap");
    const topic = uniqueTopic("wave");
    await createTopic(brokers, topic, 3, { "message.timestamp.type": "LogAppendTime" });
    const flags = ["--min", "1000", "--max", "3000", "--min-sec", "2", "--up-sec", "3", "--max-sec", "2", "--down", "ease-in-out", "--down-sec", "3", "--cycles", "1"];
    const batches: [number, number][] = [];
    const result = await runKsunami(["-b", brokers, "-t", topic, "-p", "bytes:100", "-k", "alpha:8", "-c", "linger.ms:0", ...flags], undefined, {
      onBatch: (seconds, count) => batches.push([seconds, count]),
    });
    const plan = new WavePlan({ min: 1000, max: 3000, minSec: 2, upSec: 3, maxSec: 2, downSec: 3, up: parseTransition("linear", "up"), down: parseTransition("ease-in-out", "down") });

    expect(result.exitCode).toBe(0);
    const total = Math.floor(plan.areaPerCycle + 1e-9);
    expect(result.counts).toEqual({ produced: total, delivered: total, failed: 0 });
    expect(result.progress?.skipped).toBe(0);
    expect(batches.reduce((sum, [, n]) => sum + n, 0)).toBe(total);

    const sendPerSecond = windowErrors(batches, plan, 1);
    const sendPer100ms = windowErrors(batches, plan, 0.1);
    const records = await consumeAll(brokers, topic, 3, total);
    expect(records.length).toBe(total);
    const appended = records.map((r) => [(r.timestamp - result.startEpochMs) / 1000, 1] as const);
    console.log(
      `wave pacing, worst window: send side ${percent(sendPerSecond)} per second, ${percent(sendPer100ms)} per 100 ms; ` +
        `broker side (LogAppendTime) ${percent(windowErrors(appended, plan, 1))} per second, ${percent(windowErrors(appended, plan, 0.1))} per 100 ms`,
    );
    // The wave's shape, not a speed: every second within 5 % of the plan (the plan's seconds differ by up to 200 %, min
    // 1,000 against max 3,000 records/s). How close the pacing gets (about 1 % per second, a few % per 100 ms) depends
    // on how often this shared machine schedules the process; the schedule meets 5 % in every 100 ms window in the
    // unit tests, and `npm run bench -w packages/ksunami` measures the real pacing per 100 ms and per second. (A 1 %
    // bound here failed CI on Node 24 at 1.01-1.27 %, on a machine running the rest of the suite.)
    expect(Math.max(...sendPerSecond)).toBeLessThan(0.05);
  });

  describe("faults, on a cluster of their own", () => {
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
      // Kill the broker after 3 s, start it again 6 s later (starting takes a while on a busy machine), run 6 s
      // more, then stop ksunami as SIGINT does.
      const stop = new AbortController();
      const outage = (async () => {
        await sleep(3000);
        stoppedAt = Date.now();
        await cluster.stopNode(cluster.nodeIds[0]!, { signal: "SIGKILL" });
        await sleep(6000);
        await cluster.startNode(cluster.nodeIds[0]!);
        restartedAt = Date.now();
        await sleep(6000);
        stop.abort();
      })();
      const result = await runKsunami(
        ["-b", brokers, "-t", topic, "-p", "alpha:24", "--min", "200", "--max", "200", "--min-sec", "1", "--max-sec", "1", "--up", "none",
          "-c", "message.timeout.ms:4000", "-c", "reconnect.backoff.max.ms:500", "--flush-timeout", "30"],
        stop.signal,
      );
      await outage;
      const counts = result.counts!;
      console.log(
        `faults: broker killed at ${(stoppedAt - result.startEpochMs) / 1000} s, back at ${(restartedAt - result.startEpochMs) / 1000} s; ` +
          `produced ${counts.produced}, delivered ${counts.delivered}, failed ${counts.failed}, unconfirmed ${result.unconfirmed}, skipped ${result.progress?.skipped}`,
      );

      // Nothing uncounted.
      expect(result.unconfirmed).toBe(0);
      expect(counts.delivered + counts.failed).toBe(counts.produced);
      expect(result.stats.total.failed).toBe(counts.failed);
      // It kept running through the outage, until stopped (at the stop, at most the records due since the last tick were not sent).
      expect(result.progress!.due - result.progress!.sent - result.progress!.skipped).toBeLessThanOrEqual(5);
      expect(result.progress!.elapsedSec).toBeGreaterThan((restartedAt - result.startEpochMs) / 1000 + 5);
      // Records that waited longer than message.timeout.ms failed, were reported, and make the exit code 1.
      expect(counts.failed).toBeGreaterThan(0);
      expect(result.exitCode).toBe(1);

      // What was reported delivered is in the topic (a timed-out record may have been written too); some of it was
      // sent before the broker died, some after it came back.
      const records = await consumeAll(brokers, topic, 2, counts.delivered);
      const distinct = new Set(records.map((r) => r.value!.toString()));
      expect(distinct.size).toBeGreaterThanOrEqual(counts.delivered);
      expect(distinct.size).toBeLessThanOrEqual(counts.produced);
      expect(records.some((r) => r.timestamp < stoppedAt)).toBe(true);
      expect(records.some((r) => r.timestamp > restartedAt + 500)).toBe(true);
    });
  });
});
