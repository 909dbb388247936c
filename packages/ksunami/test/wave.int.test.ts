/**
 * The wave on a real Kafka: records per window follow the plan, measured twice. Send side: when ksunami
 * handed each record to the client (what ksunami controls). Broker side: the topic uses LogAppendTime,
 * so each record's timestamp is when the broker appended it (what Kafka saw, including the broker's own
 * pauses on a shared machine).
 */
import { expect, inject, test } from "vitest";
import { parseTransition } from "../src/wave/curves.js";
import { WavePlan } from "../src/wave/plan.js";
import { consumeAll, createTopic, runKsunami, uniqueTopic } from "./support/kafka.js";

const brokers = inject("kafkaBootstrap");

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

test("records per second and per 100 ms follow the planned wave (linear up, ease-in-out down)", async () => {
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
  const brokerPerSecond = windowErrors(appended, plan, 1);
  const brokerPer100ms = windowErrors(appended, plan, 0.1);
  console.log(
    `wave pacing, worst window: send side ${percent(sendPerSecond)} per second, ${percent(sendPer100ms)} per 100 ms; ` +
      `broker side (LogAppendTime) ${percent(brokerPerSecond)} per second, ${percent(brokerPer100ms)} per 100 ms`,
  );
  // Every second within 1 %. Every 100 ms window within 5 % needs event-loop pauses under 5 ms; on this shared
  // 2-core machine (load averages above 20 while peers build and run JVMs) pauses of 10-20 ms happen, so 95 % of
  // the windows must be within 5 % and none beyond 20 %. The schedule itself meets 5 % in every window (unit tests).
  expect(Math.max(...sendPerSecond)).toBeLessThan(0.01);
  const within5 = sendPer100ms.filter((e) => e < 0.05).length / sendPer100ms.length;
  expect(within5).toBeGreaterThanOrEqual(0.95);
  expect(Math.max(...sendPer100ms)).toBeLessThan(0.2);
});
