/**
 * Pacing by area: record number i (1, 2, ...) is due at the time the wave's cumulative area reaches i,
 * so every window of time carries the area under the rate curve over that window, give or take one record.
 */
import type { WavePlan } from "./plan.js";

/** The records' due times for a run that starts `offset` seconds into the wave (0: at the start of a cycle). */
export class Schedule {
  readonly #plan: WavePlan;
  readonly #offset: number;
  readonly #base: number;

  constructor(plan: WavePlan, offset = 0) {
    this.#plan = plan;
    this.#offset = offset;
    this.#base = plan.areaAt(offset);
  }

  /** How many records are due in the first `elapsed` seconds of the run. */
  dueCount(elapsed: number): number {
    if (elapsed <= 0) return 0;
    // A tiny tolerance keeps float rounding (2.9999999) from delaying a record by a whole tick.
    return Math.floor(this.#plan.areaAt(this.#offset + elapsed) - this.#base + 1e-9);
  }

  /** When record number `i` (1-based) is due, in seconds since the start of the run. */
  dueTime(i: number): number {
    return Math.max(0, this.#plan.timeForArea(this.#base + i) - this.#offset);
  }

  /** Wave time (seconds into the wave, cycles repeating) of `elapsed` seconds into the run. */
  waveTime(elapsed: number): number {
    return this.#offset + elapsed;
  }
}
