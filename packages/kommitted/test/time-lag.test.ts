import { describe, expect, it } from "vitest";
import { commitAge, offsetLag } from "../src/lag/offset-lag.js";
import { estimateTimeLag, exactTimeLag } from "../src/lag/time-lag.js";
import { CommitHistory } from "../src/lag/commit-rate.js";
import { PartitionHistory } from "../src/state/partition-history.js";

/** A partition written at a steady `rate` records/s from t=0, polled every second for `seconds`. */
function steadyHistory(rate: number, seconds: number): PartitionHistory {
  const h = new PartitionHistory(1000);
  for (let s = 0; s <= seconds; s++) h.observe(rate * s, s * 1000);
  return h;
}

describe("offset lag and commit age", () => {
  it("is latest minus committed, never negative", () => {
    expect(offsetLag(90, 100)).toBe(10);
    expect(offsetLag(100, 100)).toBe(0);
    expect(offsetLag(120, 100)).toBe(0);
  });
  it("commit age is now minus the commit timestamp", () => {
    expect(commitAge(1000, 4500)).toBe(3500);
    expect(commitAge(5000, 4500)).toBe(0);
  });
});

describe("estimateTimeLag", () => {
  it("is 0 (caught-up) when the group has read everything, however idle the partition", () => {
    const h = steadyHistory(10, 5);
    expect(estimateTimeLag(h, 50, 50, 1_000_000)).toEqual({ ms: 0, method: "caught-up" });
  });

  it("interpolates the time the committed record was written on a steady stream", () => {
    const h = steadyHistory(100, 10); // offset o written at o*10 ms
    // record 499 is written when the end passes 500, i.e. at t=5000 ms; at now=10000 the lag is 5 s
    const lag = estimateTimeLag(h, 499, 1000, 10_000);
    expect(lag.method).toBe("interpolated");
    expect(lag.ms).toBe(5000);
  });

  it("grows with time for a stopped consumer on an idle partition (the record does not get younger)", () => {
    const h = steadyHistory(100, 10);
    const a = estimateTimeLag(h, 499, 1000, 20_000);
    const b = estimateTimeLag(h, 499, 1000, 30_000);
    expect((b.ms ?? 0) - (a.ms ?? 0)).toBe(10_000);
  });

  it("places records of a burst after a long idle at the burst, not across the idle stretch", () => {
    const h = new PartitionHistory(100);
    h.observe(100, 0);
    for (let t = 1000; t <= 60_000; t += 1000) h.observe(100, t);
    h.observe(200, 61_000); // 100 records written within the last second
    const lag = estimateTimeLag(h, 150, 200, 61_000);
    expect(lag.method).toBe("interpolated");
    expect(lag.ms).toBeLessThanOrEqual(1000);
  });

  it("gives a lower bound, not an extrapolation, when the committed offset is older than the history", () => {
    const h = new PartitionHistory(4);
    for (let s = 5; s <= 10; s++) h.observe(s * 100, s * 1000); // first observed at offset 500: records before it predate the history
    const lag = estimateTimeLag(h, 10, 1000, 20_000);
    expect(lag.method).toBe("history-lower-bound");
    expect(lag.ms).toBe(20_000 - 5000);
  });

  it("still interpolates offsets older than capacity x poll interval: a full history is thinned, not cut", () => {
    const h = new PartitionHistory(4);
    for (let s = 0; s <= 10; s++) h.observe(s * 100, s * 1000);
    expect(h.size).toBeLessThanOrEqual(4);
    const lag = estimateTimeLag(h, 99, 1000, 20_000); // record 99 written when the end passed 100, at t=1000
    expect(lag).toEqual({ ms: 19_000, method: "interpolated" });
  });

  it("says unknown without history", () => {
    expect(estimateTimeLag(undefined, 1, 5, 100)).toEqual({ ms: null, method: "unknown" });
    expect(estimateTimeLag(new PartitionHistory(4), 1, 5, 100)).toEqual({ ms: null, method: "unknown" });
  });
});

describe("exactTimeLag", () => {
  it("is now minus the record timestamp, or 0 when caught up", () => {
    expect(exactTimeLag(1000, 5, 10, 4000)).toEqual({ ms: 3000, method: "record-timestamp" });
    expect(exactTimeLag(1000, 10, 10, 4000)).toEqual({ ms: 0, method: "caught-up" });
  });
});

describe("CommitHistory", () => {
  it("derives commits/s and records/s from recent commits, bounded", () => {
    const c = new CommitHistory(4);
    expect(c.rate()).toEqual({ commitsPerSecond: null, offsetsPerSecond: null });
    for (let i = 0; i < 10; i++) c.add(i * 500, i * 50); // a commit every 0.5 s, 100 records/s
    expect(c.size).toBe(4);
    expect(c.rate().commitsPerSecond).toBeCloseTo(2);
    expect(c.rate().offsetsPerSecond).toBeCloseTo(100);
  });
});
