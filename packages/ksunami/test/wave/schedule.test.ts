import { describe, expect, test } from "vitest";
import { parseTransition } from "../../src/wave/curves.js";
import { WavePlan } from "../../src/wave/plan.js";
import { Schedule } from "../../src/wave/schedule.js";

/**
 * Buckets every record's due time into windows and compares each window's count with the area under the
 * rate curve over that window: the issue asks for 5 % per 100 ms window and 1 % per second at 1,000 records/s and more.
 */
function worstWindowError(plan: WavePlan, schedule: Schedule, seconds: number, window: number): number {
  const windows = Math.round(seconds / window);
  const counts = new Float64Array(windows);
  const total = schedule.dueCount(seconds);
  for (let i = 1; i <= total; i++) {
    const w = Math.floor(schedule.dueTime(i) / window + 1e-9);
    if (w < windows) counts[w]! += 1;
  }
  let worst = 0;
  for (let w = 0; w < windows; w++) {
    const expected = plan.areaAt((w + 1) * window) - plan.areaAt(w * window);
    worst = Math.max(worst, Math.abs(counts[w]! - expected) / expected);
  }
  return worst;
}

describe("pacing by area", () => {
  for (const [min, max] of [[1000, 5000], [10_000, 50_000]] as const) {
    for (const name of ["linear", "ease-in-out", "spike-in", "spike-out"]) {
      test(`${min}-${max} rec/s, ${name}: every 100 ms within 5 %, every second within 1 %`, () => {
        const plan = new WavePlan({ min, minSec: 2, max, maxSec: 2, up: parseTransition(name, "up"), upSec: 3, down: parseTransition(name, "down"), downSec: 3 });
        const schedule = new Schedule(plan);
        expect(worstWindowError(plan, schedule, 20, 0.1)).toBeLessThan(0.05);
        expect(worstWindowError(plan, schedule, 20, 1)).toBeLessThan(0.01);
      }, 60_000); // up to a million due times: seconds on a busy machine
    }
  }

  test("at 100,000 rec/s windows are within 0.2 % per 100 ms", () => {
    const plan = new WavePlan({ min: 100_000, minSec: 1, max: 200_000, maxSec: 1, up: parseTransition("ease-in", "up"), upSec: 1, down: parseTransition("none", "down"), downSec: 0 });
    expect(worstWindowError(plan, new Schedule(plan), 3, 0.1)).toBeLessThan(0.002);
  }, 60_000);

  test("no burst at the start: the first second carries its own share only", () => {
    const plan = new WavePlan({ min: 1000, minSec: 10, max: 1000, maxSec: 10, up: { kind: "none" }, upSec: 0, down: { kind: "none" }, downSec: 0 });
    const schedule = new Schedule(plan);
    expect(schedule.dueCount(0.001)).toBe(1);
    expect(schedule.dueCount(1)).toBe(1000);
    expect(schedule.dueCount(2)).toBe(2000);
    expect(schedule.dueTime(1)).toBeCloseTo(0.001, 12);
    expect(schedule.dueTime(500)).toBeCloseTo(0.5, 12);
  });

  test("rates below 1 record/s: one record every 4 s at 0.25 rec/s", () => {
    const plan = new WavePlan({ min: 0.25, minSec: 60, max: 0.25, maxSec: 60, up: { kind: "none" }, upSec: 0, down: { kind: "none" }, downSec: 0 });
    const schedule = new Schedule(plan);
    expect([1, 2, 3, 30, 31].map((i) => schedule.dueTime(i))).toEqual([4, 8, 12, 120, 124].map((t) => expect.closeTo(t, 9)));
    expect(schedule.dueCount(3.99)).toBe(0);
    expect(schedule.dueCount(4.01)).toBe(1);
  });

  test("dueCount and dueTime agree, across cycles and from an offset into the wave", () => {
    const plan = new WavePlan({ min: 3, minSec: 1.5, max: 40, maxSec: 1, up: parseTransition("ease-out", "up"), upSec: 2, down: parseTransition("spike-in-out", "down"), downSec: 1 });
    for (const offset of [0, 2.7, 1e6 + 0.3]) {
      const schedule = new Schedule(plan, offset);
      for (let i = 1; i <= 600; i++) {
        const t = schedule.dueTime(i);
        expect(schedule.dueCount(t + 1e-7)).toBeGreaterThanOrEqual(i);
        expect(schedule.dueCount(t - 1e-6)).toBeLessThan(i);
      }
    }
  });
});
