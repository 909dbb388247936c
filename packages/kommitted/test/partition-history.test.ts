import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PartitionHistory } from "../src/state/partition-history.js";

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
    expect([h.offsetAt(0), h.timeAt(0)]).toEqual([100, 0]);
    expect([h.offsetAt(1), h.timeAt(1)]).toEqual([100, 1000]);
    expect([h.offsetAt(2), h.timeAt(2)]).toEqual([200, 1001]);
  });

  it("is bounded: the oldest samples are overwritten once capacity is reached", () => {
    const h = new PartitionHistory(4);
    for (let i = 1; i <= 10; i++) h.observe(i * 10, i);
    expect(h.size).toBe(4);
    expect(h.oldest()).toEqual({ offset: 70, time: 7 });
    expect(h.newest()).toEqual({ offset: 100, time: 10 });
    expect(h.byteSize).toBe(4 * 16);
  });

  it("starts over when the end offset goes backwards (topic recreated)", () => {
    const h = new PartitionHistory(8);
    h.observe(50, 1);
    h.observe(60, 2);
    h.observe(5, 3);
    expect(h.size).toBe(1);
    expect(h.oldest()).toEqual({ offset: 5, time: 3 });
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

  it("rejects a capacity below 2", () => {
    expect(() => new PartitionHistory(1)).toThrow(RangeError);
  });
});
