import { describe, expect, it } from "vitest";
import type { HealthSample } from "../src/health/rules.js";
import { evaluatePartition, worstStatus } from "../src/health/rules.js";
import { HealthWindow } from "../src/health/window.js";

const rules = { windowSize: 5, stopAfterMs: 10_000 };

/** Builds samples, oldest first (one per poll). */
function samples(rows: [committed: number, lag: number, commitTimestamp: number][]): HealthSample[] {
  return rows.map(([committed, lag, commitTimestamp]) => ({ committed, lag, commitTimestamp }));
}

describe("health rules", () => {
  it("OK when caught up, even if nothing was committed for long", () => {
    expect(evaluatePartition(samples([[10, 0, 0]]), rules, 100_000)).toBe("OK");
  });
  it("OK while consuming and keeping up", () => {
    const s = samples([[10, 5, 96_000], [15, 4, 97_000], [20, 6, 98_000], [25, 3, 99_000], [30, 5, 100_000]]);
    expect(evaluatePartition(s, rules, 100_000)).toBe("OK");
  });
  it("WARN when the offset moves but the lag grows over the whole window", () => {
    const s = samples([[10, 5, 96_000], [11, 6, 97_000], [12, 8, 98_000], [13, 8, 99_000], [14, 12, 100_000]]);
    expect(evaluatePartition(s, rules, 100_000)).toBe("WARN");
  });
  it("STALL when commits keep coming with the same offset and lag", () => {
    const s = samples([[10, 5, 96_000], [10, 5, 97_000], [10, 6, 98_000], [10, 7, 99_000], [10, 7, 100_000]]);
    expect(evaluatePartition(s, rules, 100_000)).toBe("STALL");
  });
  it("STOP when the last commit is older than the threshold and there is lag", () => {
    const s = samples([[10, 5, 80_000], [10, 6, 80_000]]);
    expect(evaluatePartition(s, rules, 100_000)).toBe("STOP");
  });
  it("REWIND when the committed offset went backwards inside the window", () => {
    const s = samples([[50, 5, 96_000], [55, 5, 97_000], [0, 60, 98_000]]);
    expect(evaluatePartition(s, rules, 100_000)).toBe("REWIND");
  });
  it("needs a full window before WARN or STALL", () => {
    const s = samples([[10, 5, 98_000], [10, 6, 99_000], [10, 7, 100_000]]);
    expect(evaluatePartition(s, rules, 100_000)).toBe("OK");
  });
  it("rolls up to the worst status", () => {
    expect(worstStatus([])).toBe("OK");
    expect(worstStatus(["OK", "WARN", "STALL"])).toBe("STALL");
    expect(worstStatus(["REWIND", "STOP", "WARN"])).toBe("STOP");
  });
  it("the window keeps the last N samples", () => {
    const w = new HealthWindow(3);
    for (let i = 0; i < 5; i++) w.push({ committed: i, lag: 10 * i, commitTimestamp: 100 * i });
    expect(w.samples).toEqual([2, 3, 4].map((i) => ({ committed: i, lag: 10 * i, commitTimestamp: 100 * i })));
  });
});
