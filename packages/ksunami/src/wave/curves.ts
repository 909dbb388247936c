/**
 * Transitions between the two rates of the wave, as cubic Bezier curves in the unit box.
 *
 * x is the fraction of the transition's duration that has elapsed, y the fraction of the way from the
 * minimum rate (y = 0) to the maximum rate (y = 1). Each curve runs from P0 to P3 through the control
 * points P1 and P2: up transitions from (0,0) to (1,1), down transitions from (0,1) to (1,0).
 *
 * A curve is evaluated as CSS `cubic-bezier()` is: solve x(t) = u for the Bezier parameter t, then take
 * y(t). (The Rust ksunami 0.1.10 took y(u) directly, which ignores the control points' x and turns
 * linear, ease-in, ease-out and ease-in-out into the same S-curve.)
 */
import { KsunamiOptionsError } from "../errors.js";

/** Direction of a transition: from the minimum rate to the maximum (`up`) or back (`down`). */
export type Direction = "up" | "down";

/** A cubic Bezier curve in the unit box; x0 = 0 and x3 = 1 always. */
export interface Bezier {
  /** y of P0: 0 for up, 1 for down. */
  readonly y0: number;
  /** P1. */
  readonly x1: number;
  readonly y1: number;
  /** P2. */
  readonly x2: number;
  readonly y2: number;
  /** y of P3: 1 for up, 0 for down. */
  readonly y3: number;
}

/** A transition of the wave: either an instant jump (`none`) or a curve drawn over the transition's duration. */
export type Transition =
  | { readonly kind: "none" }
  | { readonly kind: "curve"; /** Name as given (`linear`, `cubic-bezier(...)`). */ readonly name: string; readonly bezier: Bezier };

/** The named transitions, by direction: control points P1 and P2 (x1, y1, x2, y2). */
export const NAMED_TRANSITIONS = {
  up: {
    linear: [0, 0, 1, 1],
    "ease-in": [0.5, 0, 1, 1],
    "ease-out": [0, 0, 0.5, 1],
    "ease-in-out": [0.5, 0, 0.5, 1],
    "spike-in": [0, 1, 0, 1],
    "spike-out": [1, 0, 1, 0],
    "spike-in-out": [0, 1, 1, 0],
  },
  down: {
    linear: [0, 1, 1, 0],
    "ease-in": [0.5, 1, 1, 0],
    "ease-out": [0, 1, 0.5, 0],
    "ease-in-out": [0.5, 1, 0.5, 0],
    "spike-in": [1, 1, 1, 1],
    "spike-out": [0, 0, 0, 0],
    "spike-in-out": [0, 0, 1, 1],
  },
} as const satisfies Record<Direction, Record<string, readonly [number, number, number, number]>>;

/** Names accepted for a transition, besides `cubic-bezier(x1,y1,x2,y2)`. */
export const TRANSITION_NAMES = ["none", ...Object.keys(NAMED_TRANSITIONS.up)] as const;

/** Builds the curve of a direction with control points P1 = (x1, y1), P2 = (x2, y2). */
export function bezierOf(direction: Direction, x1: number, y1: number, x2: number, y2: number): Bezier {
  return direction === "up" ? { y0: 0, x1, y1, x2, y2, y3: 1 } : { y0: 1, x1, y1, x2, y2, y3: 0 };
}

const CUSTOM = /^cubic-bezier\(\s*([^,()]+),([^,()]+),([^,()]+),([^,()]+)\)$/;

/**
 * Parses a transition flag: `none`, one of the named curves, or `cubic-bezier(x1,y1,x2,y2)` with every
 * coordinate in [0, 1] (so that the rate stays between the minimum and the maximum).
 */
export function parseTransition(text: string, direction: Direction, flag = `--${direction}`): Transition {
  const name = text.trim();
  if (name === "none") return { kind: "none" };
  const named = (NAMED_TRANSITIONS[direction] as Record<string, readonly [number, number, number, number]>)[name];
  if (named !== undefined) {
    return { kind: "curve", name, bezier: bezierOf(direction, ...named) };
  }
  const custom = CUSTOM.exec(name);
  if (custom !== null) {
    const coords = custom.slice(1, 5).map((c) => Number(c.trim()));
    if (coords.some((c, i) => !Number.isFinite(c) || c < 0 || c > 1 || custom[i + 1]!.trim() === "")) {
      throw new KsunamiOptionsError(
        "INVALID_TRANSITION",
        `${flag}: every coordinate of '${name}' must be a number between 0 and 1`,
        flag,
      );
    }
    const [x1, y1, x2, y2] = coords as [number, number, number, number];
    return { kind: "curve", name: `cubic-bezier(${x1},${y1},${x2},${y2})`, bezier: bezierOf(direction, x1, y1, x2, y2) };
  }
  throw new KsunamiOptionsError(
    "INVALID_TRANSITION",
    `${flag}: unknown transition '${text}' (expected one of ${TRANSITION_NAMES.join(", ")}, or cubic-bezier(x1,y1,x2,y2))`,
    flag,
  );
}

/** x(t) of the curve, with x0 = 0 and x3 = 1. */
export function bezierX(b: Bezier, t: number): number {
  const s = 1 - t;
  return 3 * s * s * t * b.x1 + 3 * s * t * t * b.x2 + t * t * t;
}

/** y(t) of the curve. */
export function bezierY(b: Bezier, t: number): number {
  const s = 1 - t;
  return s * s * s * b.y0 + 3 * s * s * t * b.y1 + 3 * s * t * t * b.y2 + t * t * t * b.y3;
}

/** dx/dt of the curve. */
export function bezierDx(b: Bezier, t: number): number {
  const s = 1 - t;
  return 3 * s * s * b.x1 + 6 * s * t * (b.x2 - b.x1) + 3 * t * t * (1 - b.x2);
}

/**
 * Solves x(t) = u for t in [0, 1]: Newton's method from t = u, falling back to bisection when the slope
 * vanishes or Newton leaves the interval (as browsers evaluate CSS `cubic-bezier()`). x is
 * non-decreasing because x1 and x2 lie in [0, 1], so the solution is unique up to flat stretches.
 */
export function solveT(b: Bezier, u: number): number {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  let t = u;
  for (let i = 0; i < 8; i++) {
    const err = bezierX(b, t) - u;
    if (Math.abs(err) < 1e-12) return t;
    const slope = bezierDx(b, t);
    if (Math.abs(slope) < 1e-6) break;
    const next = t - err / slope;
    if (next < 0 || next > 1) break;
    t = next;
  }
  let lo = 0;
  let hi = 1;
  t = u;
  for (let i = 0; i < 60; i++) {
    const x = bezierX(b, t);
    if (Math.abs(x - u) < 1e-12) return t;
    if (x < u) lo = t;
    else hi = t;
    t = (lo + hi) / 2;
  }
  return t;
}

/** The curve's height at elapsed fraction u in [0, 1]: y(t) where x(t) = u. */
export function curveAt(b: Bezier, u: number): number {
  return bezierY(b, solveT(b, u));
}

/**
 * Area under the curve from x = 0 to x = x(t), as a function of the Bezier parameter t:
 * the integral of y(s) x'(s) ds over [0, t], a degree-6 polynomial integrated exactly.
 */
export function areaToT(b: Bezier, t: number): number {
  // Power-basis coefficients of x(t) = a1 t + a2 t^2 + a3 t^3 and y(t) = c0 + c1 t + c2 t^2 + c3 t^3.
  const a1 = 3 * b.x1;
  const a2 = -6 * b.x1 + 3 * b.x2;
  const a3 = 3 * b.x1 - 3 * b.x2 + 1;
  const c0 = b.y0;
  const c1 = -3 * b.y0 + 3 * b.y1;
  const c2 = 3 * b.y0 - 6 * b.y1 + 3 * b.y2;
  const c3 = -b.y0 + 3 * b.y1 - 3 * b.y2 + b.y3;
  // x'(t) = d0 + d1 t + d2 t^2
  const d0 = a1;
  const d1 = 2 * a2;
  const d2 = 3 * a3;
  // y x' = sum e_k t^k, k = 0..5; integral = sum e_k t^(k+1) / (k+1)
  const e = [
    c0 * d0,
    c0 * d1 + c1 * d0,
    c0 * d2 + c1 * d1 + c2 * d0,
    c1 * d2 + c2 * d1 + c3 * d0,
    c2 * d2 + c3 * d1,
    c3 * d2,
  ];
  let sum = 0;
  let power = t;
  for (let k = 0; k < e.length; k++) {
    sum += (e[k]! * power) / (k + 1);
    power *= t;
  }
  return sum;
}
