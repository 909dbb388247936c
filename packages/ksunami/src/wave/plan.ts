/**
 * The wave: four phases that repeat (min, up, max, down), the target rate at any time, and the
 * cumulative number of records due by any time (the area under the rate curve) with its inverse.
 *
 * ```
 *  rate
 *   max |            ______________
 *       |          /                \
 *       |        /                    \
 *   min |______/                        \______
 *       +--min-sec--+-up-+--max-sec--+-down-+---> time (one cycle)
 * ```
 */
import type { Bezier, Transition } from "./curves.js";
import { areaToT, bezierDx, bezierX, bezierY, curveAt, solveT } from "./curves.js";

/** What the wave is made of: rates in records/s, durations in seconds. */
export interface WaveSpec {
  /** Rate of the `min` phase. */
  readonly min: number;
  /** Duration of the `min` phase. */
  readonly minSec: number;
  /** Rate of the `max` phase. */
  readonly max: number;
  /** Duration of the `max` phase. */
  readonly maxSec: number;
  /** Transition from min to max. */
  readonly up: Transition;
  /** Duration of the up transition (ignored when it is `none`). */
  readonly upSec: number;
  /** Transition from max to min. */
  readonly down: Transition;
  /** Duration of the down transition (ignored when it is `none`). */
  readonly downSec: number;
}

/** Names of the four phases, in the order they run. */
export type PhaseName = "min" | "up" | "max" | "down";

/** One phase of a cycle. */
export interface Phase {
  /** Which phase. */
  readonly name: PhaseName;
  /** Start, in seconds from the start of the cycle. */
  readonly start: number;
  /** Duration in seconds (0 for a `none` transition). */
  readonly duration: number;
  /** Records due during the whole phase. */
  readonly area: number;
  /** Records due in the cycle before this phase starts. */
  readonly areaBefore: number;
  /** Constant rate, or the curve between `low` (y = 0) and `high` (y = 1). */
  readonly shape: { readonly kind: "constant"; readonly rate: number } | { readonly kind: "curve"; readonly bezier: Bezier; readonly low: number; readonly high: number };
}

/** One cycle of the wave, repeated forever: rate, cumulative area and its inverse. */
export class WavePlan {
  /** The phases of a cycle, in order (`none` transitions are kept with a zero duration). */
  readonly phases: readonly Phase[];
  /** Duration of one cycle in seconds. */
  readonly period: number;
  /** Records due in one cycle. */
  readonly areaPerCycle: number;

  constructor(readonly spec: WaveSpec) {
    const phases: Phase[] = [];
    let start = 0;
    let areaBefore = 0;
    const add = (name: PhaseName, duration: number, shape: Phase["shape"]): void => {
      const area = shape.kind === "constant" ? shape.rate * duration : duration * (shape.low + (shape.high - shape.low) * areaToT(shape.bezier, 1));
      phases.push({ name, start, duration, area, areaBefore, shape });
      start += duration;
      areaBefore += area;
    };
    const transition = (name: PhaseName, t: Transition, seconds: number): void => {
      if (t.kind === "none") add(name, 0, { kind: "constant", rate: name === "up" ? spec.max : spec.min });
      else add(name, seconds, { kind: "curve", bezier: t.bezier, low: spec.min, high: spec.max });
    };
    add("min", spec.minSec, { kind: "constant", rate: spec.min });
    transition("up", spec.up, spec.upSec);
    add("max", spec.maxSec, { kind: "constant", rate: spec.max });
    transition("down", spec.down, spec.downSec);
    this.phases = phases;
    this.period = start;
    this.areaPerCycle = areaBefore;
  }

  /** The phase running at time `t` (seconds since the wave started; cycles repeat). */
  phaseAt(t: number): Phase {
    const inCycle = this.#inCycle(t);
    for (const phase of this.phases) {
      if (phase.duration > 0 && inCycle < phase.start + phase.duration) return phase;
    }
    return this.#lastTimedPhase();
  }

  /** Target rate in records/s at time `t`. */
  rateAt(t: number): number {
    const phase = this.phaseAt(t);
    const shape = phase.shape;
    if (shape.kind === "constant") return shape.rate;
    const u = (this.#inCycle(t) - phase.start) / phase.duration;
    return shape.low + (shape.high - shape.low) * curveAt(shape.bezier, u);
  }

  /** Records due from time 0 to time `t`: the integral of the rate. */
  areaAt(t: number): number {
    if (t <= 0) return 0;
    const cycles = Math.floor(t / this.period);
    const inCycle = t - cycles * this.period;
    const phase = this.phaseAt(t);
    const elapsed = Math.min(Math.max(inCycle - phase.start, 0), phase.duration);
    return cycles * this.areaPerCycle + phase.areaBefore + areaInPhase(phase, elapsed);
  }

  /** The earliest time at which `areaAt` reaches `area`: when record number `area` is due. */
  timeForArea(area: number): number {
    if (area <= 0 || this.areaPerCycle <= 0) return 0;
    let cycles = Math.floor(area / this.areaPerCycle);
    let rest = area - cycles * this.areaPerCycle;
    if (rest <= 0 && cycles > 0) {
      // Exactly at a cycle boundary: the record is due at the end of the previous cycle's last records.
      cycles -= 1;
      rest = this.areaPerCycle;
    }
    for (const phase of this.phases) {
      if (phase.area > 0 && rest <= phase.areaBefore + phase.area) {
        return cycles * this.period + phase.start + timeInPhase(phase, rest - phase.areaBefore);
      }
    }
    return (cycles + 1) * this.period;
  }

  #inCycle(t: number): number {
    const r = t % this.period;
    return r < 0 ? r + this.period : r;
  }

  #lastTimedPhase(): Phase {
    for (let i = this.phases.length - 1; i >= 0; i--) if (this.phases[i]!.duration > 0) return this.phases[i]!;
    return this.phases[0]!;
  }
}

/** Records due in the first `elapsed` seconds of a phase. */
function areaInPhase(phase: Phase, elapsed: number): number {
  const shape = phase.shape;
  if (elapsed <= 0) return 0;
  if (shape.kind === "constant") return shape.rate * elapsed;
  return areaOfCurveToT(phase, solveT(shape.bezier, elapsed / phase.duration));
}

function areaOfCurveToT(phase: Phase, t: number): number {
  const shape = phase.shape;
  if (shape.kind === "constant") return 0;
  return phase.duration * (shape.low * bezierX(shape.bezier, t) + (shape.high - shape.low) * areaToT(shape.bezier, t));
}

/** Seconds into a phase at which `area` records of it are due (0 < area <= phase.area). */
function timeInPhase(phase: Phase, area: number): number {
  const shape = phase.shape;
  if (shape.kind === "constant") return Math.min(area / shape.rate, phase.duration);
  // The area F(t) is non-decreasing in the Bezier parameter t. Safeguarded Newton: a Newton step while it stays
  // inside the bracket [lo, hi] that holds the solution, a bisection otherwise; then map t to time.
  const b = shape.bezier;
  const tolerance = Math.max(area, 1) * 1e-13;
  let lo = 0;
  let hi = 1;
  let t = area / phase.area;
  for (let i = 0; i < 100; i++) {
    const f = areaOfCurveToT(phase, t) - area;
    if (Math.abs(f) <= tolerance) break;
    if (f < 0) lo = t;
    else hi = t;
    const slope = phase.duration * bezierDx(b, t) * (shape.low + (shape.high - shape.low) * bezierY(b, t));
    const next = slope > 0 ? t - f / slope : NaN;
    t = next > lo && next < hi ? next : (lo + hi) / 2;
    if (hi - lo < 1e-15) break;
  }
  return phase.duration * bezierX(b, t);
}
