import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parseTransition } from "../../src/wave/curves.js";
import type { WaveSpec } from "../../src/wave/plan.js";
import { WavePlan } from "../../src/wave/plan.js";

const spec = (over: Partial<WaveSpec> = {}): WaveSpec => ({
  min: 10, minSec: 4, max: 100, maxSec: 3,
  up: parseTransition("ease-in", "up"), upSec: 2,
  down: parseTransition("linear", "down"), downSec: 5, ...over,
});

/** Simpson's rule over rateAt: an independent check of the analytic area. */
function integrate(plan: WavePlan, from: number, to: number, n = 4000): number {
  const h = (to - from) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) sum += (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * plan.rateAt(from + i * h);
  return (sum * h) / 3;
}

describe("WavePlan", () => {
  test("phases run min, up, max, down with their durations", () => {
    const plan = new WavePlan(spec());
    expect(plan.phases.map((p) => [p.name, p.start, p.duration])).toEqual([["min", 0, 4], ["up", 4, 2], ["max", 6, 3], ["down", 9, 5]]);
    expect(plan.period).toBe(14);
  });

  test("phase boundaries: the rate at each phase's start and end", () => {
    const plan = new WavePlan(spec());
    expect(plan.rateAt(0)).toBe(10);
    expect(plan.rateAt(3.999)).toBe(10);
    expect(plan.phaseAt(4).name).toBe("up");
    expect(plan.rateAt(4)).toBeCloseTo(10, 9);
    expect(plan.rateAt(5.999)).toBeCloseTo(100, 0);
    expect(plan.phaseAt(6).name).toBe("max");
    expect(plan.rateAt(6)).toBe(100);
    expect(plan.phaseAt(9).name).toBe("down");
    expect(plan.rateAt(9)).toBeCloseTo(100, 9);
    expect(plan.rateAt(11.5)).toBeCloseTo(55, 9); // linear down, half-way
    expect(plan.phaseAt(14).name).toBe("min"); // the next cycle
    expect(plan.rateAt(14 + 1)).toBe(10);
  });

  test("a 'none' transition has no duration: the rate jumps", () => {
    const plan = new WavePlan(spec({ up: parseTransition("none", "up"), down: parseTransition("none", "down") }));
    expect(plan.period).toBe(7);
    expect(plan.phases.map((p) => p.duration)).toEqual([4, 0, 3, 0]);
    expect(plan.rateAt(3.99)).toBe(10);
    expect(plan.rateAt(4)).toBe(100);
    expect(plan.rateAt(6.99)).toBe(100);
    expect(plan.rateAt(7)).toBe(10);
    expect(plan.areaPerCycle).toBe(10 * 4 + 100 * 3);
  });

  test("min equal to max is a constant rate", () => {
    const plan = new WavePlan(spec({ min: 50, max: 50 }));
    for (let t = 0; t < 30; t += 0.37) expect(plan.rateAt(t)).toBeCloseTo(50, 12);
    expect(plan.areaAt(21)).toBeCloseTo(50 * 21, 9);
  });

  test("areaAt is the integral of rateAt, for every transition, over several cycles", () => {
    for (const name of ["linear", "ease-in", "ease-out", "ease-in-out", "spike-in", "spike-out", "spike-in-out"]) {
      const plan = new WavePlan(spec({ up: parseTransition(name, "up"), down: parseTransition(name, "down") }));
      for (const t of [1, 4.5, 5.5, 7, 10, 13.9, 14, 20, 31.3]) {
        // Spikes have near-vertical stretches that Simpson's rule sees coarsely; 0.05 % is plenty to tell curves apart.
        expect(plan.areaAt(t)).toBeCloseTo(integrate(plan, 0, t, 20000), 0);
      }
    }
  });

  test("timeForArea inverts areaAt", () => {
    const plan = new WavePlan(spec({ up: parseTransition("spike-in-out", "up"), down: parseTransition("ease-out", "down") }));
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 5000, noNaN: true }), (area) => {
        expect(plan.areaAt(plan.timeForArea(area))).toBeCloseTo(area, 6);
      }),
    );
  });

  test("a rate of 0 in the min phase: nothing is due there", () => {
    const plan = new WavePlan(spec({ min: 0 }));
    expect(plan.areaAt(4)).toBe(0);
    expect(plan.timeForArea(0.5)).toBeGreaterThan(4);
  });
});
