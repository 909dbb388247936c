import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { formatSeconds } from "../../src/wave/chart.js";

describe("formatSeconds", () => {
  test("a value just under a unit boundary reads as the boundary, never as 60 of the smaller unit", () => {
    expect(formatSeconds(86_400)).toBe("24 h");
    expect(formatSeconds(86_399.9)).toBe("24 h");
    expect(formatSeconds(86_399)).toBe("24 h");
    expect(formatSeconds(86_370)).toBe("24 h");
    expect(formatSeconds(86_369)).toBe("23 h 59 min");
    expect(formatSeconds(3599.6)).toBe("1 h");
    expect(formatSeconds(3569)).toBe("59 min 29 s");
    expect(formatSeconds(119.6)).toBe("2 min");
    expect(formatSeconds(59.999)).toBe("1 min");
    expect(formatSeconds(59.99)).toBe("1 min");
    expect(formatSeconds(59.94)).toBe("59.9 s");
  });

  test("the usual shapes", () => {
    expect(formatSeconds(45)).toBe("45 s");
    expect(formatSeconds(0.5)).toBe("0.5 s");
    expect(formatSeconds(150)).toBe("2 min 30 s");
    expect(formatSeconds(3900)).toBe("1 h 5 min");
    expect(formatSeconds(7200)).toBe("2 h");
  });

  test("never shows 60 of a smaller unit, and stays within rounding of the value", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (s) => {
        const text = formatSeconds(s);
        expect(text).not.toMatch(/\b60 (min|s)\b/);
        const m = /^(?:(\d+) h)?\s*(?:(\d+) min)?\s*(?:([\d.]+) s)?$/.exec(text);
        expect(m, text).not.toBeNull();
        const value = Number(m![1] ?? 0) * 3600 + Number(m![2] ?? 0) * 60 + Number(m![3] ?? 0);
        expect(Math.abs(value - s)).toBeLessThanOrEqual(s >= 3570 ? 30 : s >= 10 ? 0.5 : 0.01);
      }),
    );
  });
});
