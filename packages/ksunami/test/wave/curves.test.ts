import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { Bezier, Direction } from "../../src/wave/curves.js";
import { NAMED_TRANSITIONS, bezierOf, bezierX, bezierY, curveAt, parseTransition, solveT, areaToT } from "../../src/wave/curves.js";
import { KsunamiOptionsError } from "../../src/errors.js";

/** y at x = u by dense sampling of the parametric curve and linear interpolation: independent of the solver. */
function sampledY(b: Bezier, u: number): number {
  const n = 200_000;
  let prevX = 0;
  let prevY = bezierY(b, 0);
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const x = bezierX(b, t);
    const y = bezierY(b, t);
    if (x >= u) return x === prevX ? y : prevY + ((y - prevY) * (u - prevX)) / (x - prevX);
    prevX = x;
    prevY = y;
  }
  return prevY;
}

const names = Object.keys(NAMED_TRANSITIONS.up) as (keyof typeof NAMED_TRANSITIONS.up)[];
const directions: Direction[] = ["up", "down"];
const points = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

describe("named transitions follow their curve (x solved for elapsed time, then y)", () => {
  for (const direction of directions) {
    for (const name of names) {
      test(`${direction} ${name}`, () => {
        const t = parseTransition(name, direction);
        if (t.kind !== "curve") throw new Error("expected a curve");
        const [x1, y1, x2, y2] = NAMED_TRANSITIONS[direction][name];
        expect(t.bezier).toEqual(bezierOf(direction, x1, y1, x2, y2));
        for (const u of points) {
          // Spikes have vertical tangents where sampling is coarse: compare with a tolerance that still tells curves apart.
          expect(curveAt(t.bezier, u)).toBeCloseTo(sampledY(t.bezier, u), 3);
        }
        expect(curveAt(t.bezier, 0)).toBe(direction === "up" ? 0 : 1);
        expect(curveAt(t.bezier, 1)).toBe(direction === "up" ? 1 : 0);
      });
    }
  }
});

describe("shapes keep their names' promise", () => {
  const up = (name: string) => (u: number) => curveAt((parseTransition(name, "up") as { bezier: Bezier }).bezier, u);
  const down = (name: string) => (u: number) => curveAt((parseTransition(name, "down") as { bezier: Bezier }).bezier, u);

  test("linear is a straight line, up and down", () => {
    for (let u = 0; u <= 1; u += 0.05) {
      expect(up("linear")(u)).toBeCloseTo(u, 12);
      expect(down("linear")(u)).toBeCloseTo(1 - u, 12);
    }
  });

  test("a 3 s linear ramp from 1 to 100 gives 1, 34, 67 records/s (the Rust ksunami's own test expects 1, 27, 74)", () => {
    const rate = (s: number) => 1 + 99 * up("linear")(s / 3);
    expect([0, 1, 2].map((s) => Math.round(rate(s)))).toEqual([1, 34, 67]);
  });

  test("linear, ease-in, ease-out and ease-in-out are four different curves", () => {
    const at = (name: string) => up(name)(0.25);
    const values = ["linear", "ease-in", "ease-out", "ease-in-out"].map(at);
    expect(new Set(values.map((v) => v.toFixed(3))).size).toBe(4);
    expect(at("ease-in")).toBeLessThan(0.25);
    expect(at("ease-out")).toBeGreaterThan(0.25);
    expect(at("ease-in-out")).toBeLessThan(0.25);
    expect(up("ease-in-out")(0.75)).toBeGreaterThan(0.75);
    expect(up("ease-in-out")(0.5)).toBeCloseTo(0.5, 12);
  });

  test("spikes jump early (in) or late (out)", () => {
    expect(up("spike-in")(0.1)).toBeGreaterThan(0.6);
    expect(up("spike-out")(0.9)).toBeLessThan(0.4);
    expect(down("spike-in")(0.1)).toBeGreaterThan(0.99);
    expect(down("spike-out")(0.1)).toBeLessThan(0.4);
    expect(up("spike-in-out")(0.5)).toBeCloseTo(0.5, 12);
    expect(up("spike-in-out")(0.1)).toBeGreaterThan(0.2);
  });

  test("down linear and ease curves are the mirror (1 - y) of the up curves of the same name", () => {
    for (const name of ["linear", "ease-in", "ease-out", "ease-in-out"]) {
      for (const u of points) expect(down(name)(u)).toBeCloseTo(1 - up(name)(u), 12);
    }
  });
});

describe("solver and area", () => {
  const control = fc.double({ min: 0, max: 1, noNaN: true });
  test("solveT inverts x(t) for any curve with control points in the box", () => {
    fc.assert(
      fc.property(control, control, control, control, control, (x1, y1, x2, y2, u) => {
        const b = bezierOf("up", x1, y1, x2, y2);
        expect(bezierX(b, solveT(b, u))).toBeCloseTo(u, 9);
      }),
    );
  });

  test("areaToT is the integral of y over x, by Simpson's rule", () => {
    fc.assert(
      fc.property(control, control, control, control, (x1, y1, x2, y2) => {
        const b = bezierOf("down", x1, y1, x2, y2);
        const n = 2000;
        let sum = 0;
        for (let i = 0; i <= n; i++) {
          const t = i / n;
          const dx = 3 * (1 - t) ** 2 * x1 + 6 * (1 - t) * t * (x2 - x1) + 3 * t * t * (1 - x2);
          sum += (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * bezierY(b, t) * dx;
        }
        expect(areaToT(b, 1)).toBeCloseTo(sum / (3 * n), 8);
      }),
    );
  });
});

describe("parseTransition", () => {
  test("accepts cubic-bezier(x1,y1,x2,y2)", () => {
    const t = parseTransition("cubic-bezier(0.25, 0.1, 0.25, 1)", "up");
    expect(t).toEqual({ kind: "curve", name: "cubic-bezier(0.25,0.1,0.25,1)", bezier: bezierOf("up", 0.25, 0.1, 0.25, 1) });
    expect(parseTransition("none", "down")).toEqual({ kind: "none" });
  });

  test.each([
    ["wobble", "--up: unknown transition 'wobble' (expected one of none, linear, ease-in, ease-out, ease-in-out, spike-in, spike-out, spike-in-out, or cubic-bezier(x1,y1,x2,y2))"],
    ["cubic-bezier(0,1.5,1,0)", "--up: every coordinate of 'cubic-bezier(0,1.5,1,0)' must be a number between 0 and 1"],
    ["cubic-bezier(0,a,1,0)", "--up: every coordinate of 'cubic-bezier(0,a,1,0)' must be a number between 0 and 1"],
    ["cubic-bezier(0, ,1,0)", "--up: every coordinate of 'cubic-bezier(0, ,1,0)' must be a number between 0 and 1"],
  ])("rejects %s", (text, message) => {
    expect(() => parseTransition(text, "up")).toThrow(new KsunamiOptionsError("INVALID_TRANSITION", message, "--up"));
    try {
      parseTransition(text, "up");
    } catch (e) {
      expect((e as KsunamiOptionsError).code).toBe("INVALID_TRANSITION");
    }
  });
});
