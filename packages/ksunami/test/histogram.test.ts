import { expect, test } from "vitest";
import fc from "fast-check";
import { LatencyHistogram } from "../src/report/histogram.js";

test("exact below 64 ms", () => {
  const h = new LatencyHistogram();
  for (let i = 1; i <= 50; i++) h.record(i);
  expect(h.percentile(0.5)).toBe(25);
  expect(h.percentile(0.99)).toBe(50);
  expect(h.count).toBe(50);
});

test("percentiles within 3.2 % of the exact ones, at any scale", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 300 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (values, q) => {
      const h = new LatencyHistogram();
      for (const v of values) h.record(v);
      const sorted = [...values].sort((a, b) => a - b);
      const exact = sorted[Math.max(1, Math.ceil(q * values.length)) - 1]!;
      const got = h.percentile(q);
      expect(got).toBeGreaterThanOrEqual(exact);
      expect(got).toBeLessThanOrEqual(Math.max(exact * 1.032, exact + 0));
    }),
  );
});

test("empty, reset and add", () => {
  const a = new LatencyHistogram();
  expect(a.percentile(0.5)).toBeNaN();
  a.record(10);
  const b = new LatencyHistogram();
  b.record(1000);
  b.record(-5);
  a.add(b);
  expect([a.count, a.max, a.percentile(0.1)]).toEqual([3, 1000, 0]);
  a.reset();
  expect(a.count).toBe(0);
});
