import { describe, expect, it } from "vitest";
import { LagHistory } from "../src/http/lag-history.js";
import type { GroupLag, LagSnapshot } from "../src/lag/snapshot.js";

/** A snapshot holding groups with the given totals. */
function snapshot(asOf: number, groups: Record<string, [number, number | null]>): LagSnapshot {
  const map = new Map<string, GroupLag>();
  for (const [group, [totalOffsetLag, maxTimeLagMs]] of Object.entries(groups)) {
    map.set(group, { group, type: "classic", protocolType: null, protocol: null, epoch: -1, members: [], partitions: [], status: "OK", totalOffsetLag, maxTimeLagMs });
  }
  return { asOf, groups: map, unresolvedTopicIds: new Set() };
}

describe("LagHistory", () => {
  it("keeps one sample per step, oldest first, and only the last `capacity`", () => {
    const h = new LagHistory(3, 1000);
    expect(h.record(snapshot(0, { a: [5, 100] }))).toBe(true);
    expect(h.record(snapshot(500, { a: [6, 200] }))).toBe(false); // within the step
    for (const t of [1000, 2000, 3000]) h.record(snapshot(t, { a: [t / 100, null] }));
    expect(h.series("a")).toEqual([
      { t: 1000, offsetLag: 10, timeLagMs: null },
      { t: 2000, offsetLag: 20, timeLagMs: null },
      { t: 3000, offsetLag: 30, timeLagMs: null },
    ]);
  });

  it("forgets groups that left the snapshot and ranks groups by their newest offset lag", () => {
    const h = new LagHistory(5, 1);
    h.record(snapshot(1, { a: [5, 1], b: [50, 1], c: [7, 1] }));
    expect(h.top(2)).toEqual(["b", "c"]);
    h.record(snapshot(2, { a: [500, 1], c: [7, 1] }));
    expect(h.series("b")).toBeUndefined();
    expect(h.size).toBe(2);
    expect(h.top(10)).toEqual(["a", "c"]);
    expect(h.series("c")?.map((s) => s.t)).toEqual([1, 2]);
  });

  it("gives a group that appeared later, or left and came back, only its own samples, with their times, across the ring's wrap", () => {
    const h = new LagHistory(3, 1);
    h.record(snapshot(10, { a: [1, 100] }));
    h.record(snapshot(20, { a: [2, 200], b: [20, null] }));
    h.record(snapshot(30, { b: [30, 300] })); // a leaves
    h.record(snapshot(40, { a: [4, 400], b: [40, 400] })); // a is back: a new history; the ring wraps
    h.record(snapshot(50, { a: [5, 500], b: [50, 500] }));
    expect(h.series("a")).toEqual([
      { t: 40, offsetLag: 4, timeLagMs: 400 },
      { t: 50, offsetLag: 5, timeLagMs: 500 },
    ]);
    expect(h.series("b")).toEqual([
      { t: 30, offsetLag: 30, timeLagMs: 300 },
      { t: 40, offsetLag: 40, timeLagMs: 400 },
      { t: 50, offsetLag: 50, timeLagMs: 500 },
    ]);
    expect(h.lastAsOf).toBe(50);
    expect(h.top(2)).toEqual(["b", "a"]);
  });

  it("refuses a capacity below 2 and a step of 0", () => {
    expect(() => new LagHistory(1, 1000)).toThrow(RangeError);
    expect(() => new LagHistory(10, 0)).toThrow(RangeError);
  });
});
