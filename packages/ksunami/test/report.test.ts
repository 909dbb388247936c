import { describe, expect, test } from "vitest";
import { createMetrics } from "../src/metrics.js";
import { formatStatus } from "../src/report/status.js";
import { parseTransition } from "../src/wave/curves.js";
import { renderChart, renderSummary, renderSvg } from "../src/wave/chart.js";
import { WavePlan } from "../src/wave/plan.js";
import { Schedule } from "../src/wave/schedule.js";
import { DeliveryStats } from "../src/report/stats.js";

const plan = new WavePlan({ min: 100, minSec: 10, max: 1000, maxSec: 10, up: parseTransition("linear", "up"), upSec: 10, down: parseTransition("none", "down"), downSec: 0 });

describe("--plan output", () => {
  test("the chart climbs from min to max along the ramp", () => {
    const lines = renderChart(plan, { width: 30, height: 10 }).split("\n");
    expect(lines).toHaveLength(10 + 4);
    // Bottom row full everywhere, top row full only in the max phase (the last third).
    expect(lines[9]).toMatch(/┤█{30}$/);
    expect(lines[0]).toMatch(/^\s+1k ┤ {19}▄█{10}$/); // the ramp ends at 955 rec/s in its last column
    expect(lines[12]).toMatch(/min\s+up\s+max/);
  });

  test("the table's records and bytes per phase and per cycle", () => {
    const table = renderSummary(plan, 50);
    expect(table).toMatch(/min\s+0 s\s+10 s\s+100\s+1,000\s+48\.8 KiB/);
    expect(table).toMatch(/up\s+10 s\s+10 s\s+100 -> 1k\s+5,500/);
    expect(table).toMatch(/cycle\s+30 s\s+550 avg\s+16,500\s+806 KiB/);
  });

  test("SVG has the curve and the phases", () => {
    const svg = renderSvg(plan, 50);
    expect(svg).toContain("16,500 records");
    expect((svg.match(/<rect /g) ?? []).length).toBe(3);
    expect(svg).toContain("<polyline");
  });
});

test("status line", () => {
  const line = formatStatus({ phase: "up", elapsedSec: 3725.4, targetRate: 1234.5, achievedRate: 1200, produced: 10, delivered: 9, failed: 1, inFlight: 0, skipped: 0, lagSec: 0, p50Ms: 3, p99Ms: NaN });
  expect(line).toBe("up   1:02:05 | target 1,235/s | achieved 1,200/s | delivered 9 | failed 1 | in flight 0 | p50 3 ms | p99 -");
  expect(formatStatus({ phase: "max", elapsedSec: 1, targetRate: 1, achievedRate: 1, produced: 1, delivered: 1, failed: 0, inFlight: 0, skipped: 5, lagSec: 1.234, p50Ms: 1, p99Ms: 1 })).toContain("behind 1.23 s | skipped 5");
});

test("latency per phase from each record's timestamp, across cycles and from an offset", () => {
  const schedule = new Schedule(plan, 5); // the run starts 5 s into the min phase
  const stats = new DeliveryStats(plan, schedule);
  const start = Date.now() - 60_000;
  stats.start(start);
  stats.record(start + 1000, false); // wave time 6 s: min
  stats.record(start + 6000, false); // wave time 11 s: up
  stats.record(start + 20_000, true); // wave time 25 s: max, failed
  stats.record(start + 27_000, false); // wave time 32 s: the next cycle's min
  stats.record(1234, false); // a broker's timestamp (LogAppendTime, mock): counted, no latency
  expect([...stats.byPhase].map(([name, o]) => [name, o.delivered, o.failed])).toEqual([["min", 3, 0], ["up", 1, 0], ["max", 0, 1], ["down", 0, 0]]);
  expect(stats.total).toMatchObject({ delivered: 4, failed: 1 });
  expect(stats.latencyUnknown).toBe(1);
  expect(stats.total.latency.count).toBe(3);
  expect(stats.byPhase.get("up")!.latency.percentile(0.5)).toBeGreaterThanOrEqual(53_000);
});

test("Prometheus metrics read the run's counters", async () => {
  const { registry, observeLatency } = createMetrics({
    plan,
    schedule: new Schedule(plan),
    counts: () => ({ produced: 12, delivered: 10, failed: 1, inFlight: 1 }),
    progress: () => ({ elapsedSec: 15, due: 13, sent: 12, skipped: 1, lagSec: 0.25, backPressureWaits: 0, sentByTopic: [12], failedAtSendByTopic: [0] }),
    latestStatus: () => undefined,
  });
  observeLatency("up", 0.004);
  const text = await registry.metrics();
  expect(text).toContain("ksunami_records_produced_total 12");
  expect(text).toContain("ksunami_records_delivered_total 10");
  expect(text).toContain("ksunami_records_failed_total 1");
  expect(text).toContain("ksunami_records_skipped_total 1");
  expect(text).toContain("ksunami_records_in_flight 1");
  expect(text).toContain("ksunami_target_rate 550"); // half-way up the linear ramp from 100 to 1000
  expect(text).toContain("ksunami_lag_seconds 0.25");
  expect(text).toContain('ksunami_delivery_latency_seconds_bucket{le="0.005",phase="up"} 1');
});

test("--align-to-clock: processes started apart agree on the wave time of the same instant", async () => {
  const { clockOffset } = await import("../src/run.js");
  const startA = 1_700_000_000_000;
  const startB = startA + 7_300; // started 7.3 s later
  const a = new Schedule(plan, clockOffset(plan, startA));
  const b = new Schedule(plan, clockOffset(plan, startB));
  // 23 s after A started is 15.7 s after B started: the same instant, the same place in the wave (13 s into a cycle: up).
  expect(plan.phaseAt(a.waveTime(23)).name).toBe("up");
  expect(plan.phaseAt(b.waveTime(15.7)).name).toBe("up");
  expect(plan.rateAt(a.waveTime(23))).toBeCloseTo(plan.rateAt(b.waveTime(15.7)), 3);
  expect(plan.rateAt(a.waveTime(23))).toBeCloseTo(100 + 900 * 0.3, 3); // epoch seconds as doubles: 0.2 µs resolution
  expect(clockOffset(plan, 30_000 * 1000 + 12_500)).toBeCloseTo(12.5, 9); // 30,000 s is a whole number of 30 s cycles
});

test("the metrics endpoint serves /metrics on any free port (port 0) and 404 elsewhere", async () => {
  const { startMetricsServer } = await import("../src/metrics.js");
  const server = await startMetricsServer(0, {
    plan,
    schedule: new Schedule(plan),
    counts: () => ({ produced: 3, delivered: 3, failed: 0, inFlight: 0 }),
    progress: () => ({ elapsedSec: 1, due: 3, sent: 3, skipped: 0, lagSec: 0, backPressureWaits: 0, sentByTopic: [3], failedAtSendByTopic: [0] }),
    latestStatus: () => undefined,
  });
  try {
    const metrics = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("ksunami_records_delivered_total 3");
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
  } finally {
    await server.close();
  }
});
