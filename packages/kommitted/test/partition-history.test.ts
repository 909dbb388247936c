import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateTimeLag } from "../src/lag/time-lag.js";
import { PartitionHistory, kthSmallest } from "../src/state/partition-history.js";

/** Every stored sample, oldest first, as [offset, time]. */
const samples = (h: PartitionHistory): [number, number][] => Array.from({ length: h.size }, (_, i) => [h.offsetAt(i), h.timeAt(i)]);

/**
 * A ground-truth partition: `rate(s)` records are written during second s (evenly within it), polled at the end of
 * every second for `seconds`. Returns each record's write time (ms), in offset order.
 */
function writeTimes(rate: (s: number) => number, seconds: number): number[] {
  const times: number[] = [];
  let carry = 0;
  for (let s = 1; s <= seconds; s++) {
    carry += rate(s);
    const n = Math.floor(carry);
    carry -= n;
    for (let k = 0; k < n; k++) times.push((s - 1) * 1000 + ((k + 0.5) / n) * 1000);
  }
  return times;
}

/**
 * Feeds `times` to a history polled every second and, every 10 minutes after the first 15, compares the interpolated
 * time lag of ~300 committed offsets spread over everything written with the truth. Returns the worst absolute error
 * (ms) for true lags under 30 s, the worst relative error for true lags of a minute or more, and how many probes
 * were not interpolated.
 */
function worstErrors(h: PartitionHistory, times: number[], seconds: number): { youngMs: number; relative: number; notInterpolated: number; probes: number } {
  let written = 0;
  let youngMs = 0;
  let relative = 0;
  let notInterpolated = 0;
  let probes = 0;
  for (let s = 0; s <= seconds; s++) {
    const now = s * 1000;
    while (written < times.length && (times[written] as number) <= now) written++;
    h.observe(written, now);
    if (s < 900 || s % 600 !== 0 || written === 0) continue;
    for (let c = 0; c < written; c += Math.max(1, Math.floor(written / 300))) {
      const truth = now - (times[c] as number);
      const lag = estimateTimeLag(h, c, written, now);
      probes++;
      if (lag.method !== "interpolated" || lag.ms === null) {
        notInterpolated++;
        continue;
      }
      const error = Math.abs(lag.ms - truth);
      if (truth < 30_000) youngMs = Math.max(youngMs, error);
      if (truth >= 60_000) relative = Math.max(relative, error / truth);
    }
  }
  return { youngMs, relative, notInterpolated, probes };
}

const TWO_HOURS = 7200;

describe("PartitionHistory", () => {
  it("stores a sample only when the end offset moves, and counts every observation", () => {
    const h = new PartitionHistory(10);
    h.observe(100, 1000);
    h.observe(100, 2000);
    h.observe(100, 3000);
    expect(h.size).toBe(1);
    expect(h.observations).toBe(3);
    expect(h.lastObservedAt).toBe(3000);
  });

  it("keeps the end of an idle plateau so a burst after idling is not spread over the idle time", () => {
    const h = new PartitionHistory(10);
    h.observe(100, 0);
    h.observe(100, 1000);
    h.observe(200, 1001);
    expect(samples(h)).toEqual([
      [100, 0],
      [100, 1000],
      [200, 1001],
    ]);
  });

  it("is bounded by thinning: once full, the oldest sample stays (the span is kept) and the newest stay at full resolution", () => {
    const h = new PartitionHistory(8, 3);
    for (let i = 1; i <= 50; i++) h.observe(i * 10, i * 1000);
    expect(h.size).toBeLessThanOrEqual(8);
    expect(h.oldest()).toEqual({ offset: 10, time: 1000 });
    expect(samples(h).slice(-3)).toEqual([
      [480, 48_000],
      [490, 49_000],
      [500, 50_000],
    ]);
  });

  it("allocates 8 samples, then grows once to a capacity of at most 128 (16 bytes a sample)", () => {
    const h = new PartitionHistory(120);
    h.observe(1, 0);
    expect(h.byteSize).toBe(8 * 16);
    for (let i = 2; i <= 9; i++) h.observe(i, i);
    expect(h.byteSize).toBe(120 * 16);
    for (let i = 10; i <= 1000; i++) h.observe(i, i);
    expect(h.byteSize).toBe(120 * 16);
  });

  it("grows a large capacity step by step (128 samples, then doubling): a partition written a few times does not cost the whole --history", () => {
    const h = new PartitionHistory(100_000);
    for (let i = 1; i <= 20; i++) h.observe(i, i);
    expect(h.byteSize).toBe(128 * 16);
    for (let i = 21; i <= 129; i++) h.observe(i, i);
    expect(h.byteSize).toBe(256 * 16);
    expect(h.size).toBe(129);
  });

  it("property: never exceeds capacity, keeps the first sample and the newest `recent` observations, offsets and times never go down", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.nat(5), fc.nat(5000)), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (steps, capacity, recentShare) => {
          const recent = Math.max(1, Math.floor(capacity * recentShare));
          const h = new PartitionHistory(capacity, recent);
          const full = new PartitionHistory(1_000_000); // never thinned: every sample the rule would store
          let offset = 0;
          steps.forEach((step, i) => {
            offset += step;
            h.observe(offset, i * 1000);
            full.observe(offset, i * 1000);
            expect(h.size).toBeLessThanOrEqual(capacity);
          });
          const kept = samples(h);
          const all = samples(full);
          if (recent < capacity - 1 || all.length <= capacity) expect(kept[0]).toEqual(all[0]);
          expect(kept.slice(-Math.min(recent, kept.length))).toEqual(all.slice(-Math.min(recent, kept.length)));
          for (let i = 1; i < kept.length; i++) {
            expect(kept[i]?.[0]).toBeGreaterThanOrEqual(kept[i - 1]?.[0] as number);
            expect(kept[i]?.[1]).toBeGreaterThan(kept[i - 1]?.[1] as number);
          }
          // every kept sample is one the unthinned history has: thinning removes, it never invents
          const allKeys = new Set(all.map(([o, t]) => `${o}@${t}`));
          for (const [o, t] of kept) expect(allKeys.has(`${o}@${t}`)).toBe(true);
        },
      ),
    );
  });

  it("keeps a long plateau's ends through many thinnings, so a burst after idling is still placed at the burst", () => {
    const h = new PartitionHistory(40);
    let offset = 0;
    for (let s = 0; s < 600; s++) h.observe((offset += 100), s * 1000); // 10 min at 100/s
    const idleEnd = 1800;
    for (let s = 600; s <= idleEnd; s++) h.observe(offset, s * 1000); // 20 min idle at `offset`
    const burst = offset;
    h.observe((offset += 50_000), (idleEnd + 1) * 1000); // 50,000 records in one second
    for (let s = idleEnd + 2; s < idleEnd + 1200; s++) h.observe((offset += 100), s * 1000); // 20 min more traffic
    const kept = samples(h);
    expect(kept).toContainEqual([burst, 599_000]);
    expect(kept).toContainEqual([burst, idleEnd * 1000]);
    const now = (idleEnd + 1200) * 1000;
    const lag = estimateTimeLag(h, burst + 25_000, offset, now); // written within second idleEnd+1
    expect(lag.method).toBe("interpolated");
    expect(Math.abs((lag.ms as number) - (now - (idleEnd + 0.5) * 1000))).toBeLessThanOrEqual(1000);
  });

  it("starts over when the end offset goes backwards (topic recreated), also after thinning", () => {
    const h = new PartitionHistory(8);
    for (let i = 1; i <= 30; i++) h.observe(i * 50, i);
    h.observe(5, 31);
    expect(samples(h)).toEqual([[5, 31]]);
    h.observe(6, 32);
    expect(h.size).toBe(2);
  });

  it("firstAbove finds the first sample past an offset (property, against a linear scan)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 16 }), fc.integer({ min: -5, max: 3000 }), (steps, capacity, probe) => {
        const h = new PartitionHistory(capacity);
        let offset = 0;
        steps.forEach((step, i) => h.observe((offset += step), i * 10));
        let expected = h.size;
        for (let i = 0; i < h.size; i++) {
          if (h.offsetAt(i) > probe) {
            expected = i;
            break;
          }
        }
        expect(h.firstAbove(probe)).toBe(expected);
        for (let i = 1; i < h.size; i++) expect(h.offsetAt(i)).toBeGreaterThanOrEqual(h.offsetAt(i - 1));
      }),
    );
  });

  it("kthSmallest (the thinning threshold) agrees with sorting (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: 1, maxLength: 200 }), fc.nat(), (values, pick) => {
        const k = pick % values.length;
        const expected = [...values].sort((a, b) => a - b)[k];
        expect(kthSmallest(Float64Array.from(values), values.length, k)).toBe(expected);
      }),
    );
  });

  it("rejects a capacity below 2 and a `recent` outside 1..capacity", () => {
    expect(() => new PartitionHistory(1)).toThrow(RangeError);
    expect(() => new PartitionHistory(10, 0)).toThrow(RangeError);
    expect(() => new PartitionHistory(10, 11)).toThrow(RangeError);
  });
});

describe("PartitionHistory thinning: time-lag error over 2 hours of 1 s polls at the default capacity (120)", () => {
  // Bounds: a poll interval for young committed offsets; for a minute or more, the figures of
  // bench/history-accuracy.mjs (at most 1.3 % on these shapes) with some room.
  const curves: [string, (s: number) => number, number][] = [
    ["steady rate", () => 100, 0.02],
    ["rate changes every 10 minutes", (s) => [20, 400, 5, 150, 1000, 60][Math.floor(s / 600) % 6] as number, 0.02],
    ["bursts after idle", (s) => (s % 420 < 3 ? 1700 : s % 420 < 60 ? 0.2 : 0), 0.02],
    ["a slow trickle (a record every 3 s: a staircase of plateaus)", () => 1 / 3, 0.06],
  ];
  for (const [name, rate, bound] of curves) {
    it(`${name}: every committed offset interpolated, young ones within a poll, older within ${bound * 100} %`, () => {
      const errors = worstErrors(new PartitionHistory(120), writeTimes(rate, TWO_HOURS), TWO_HOURS);
      expect(errors.probes).toBeGreaterThan(1000);
      expect(errors.notInterpolated).toBe(0);
      expect(errors.youngMs).toBeLessThanOrEqual(1000);
      expect(errors.relative).toBeLessThanOrEqual(bound);
    });
  }

  it("the old rule (drop the oldest sample, 600 kept) covers only the last 10 minutes: older offsets get lower bounds", () => {
    const errors = worstErrors(new PartitionHistory(600, 600), writeTimes(() => 100, TWO_HOURS), TWO_HOURS);
    expect(errors.notInterpolated / errors.probes).toBeGreaterThan(0.5);
  });
});
