import { doubles } from "../state/doubles.js";
import type { HealthSample, SampleSeries } from "./rules.js";

/**
 * A sliding window of the last `size` health samples of one group partition, in one ring of numbers (committed, lag,
 * commit timestamp per slot): a poll pushes numbers, not an object that would outlive it. The sample's time is not kept:
 * no rule reads it (a window holds one sample per poll).
 */
export class HealthWindow implements SampleSeries {
  /** Samples held at most. */
  readonly size: number;
  /** Slot i holds committed, lag and commit timestamp at 3i..3i+2. */
  readonly #ring: number[];
  #start = 0;
  #length = 0;

  constructor(size: number) {
    this.size = size;
    this.#ring = doubles(3 * size);
  }

  /** Number of samples held. */
  get length(): number {
    return this.#length;
  }

  /** Appends a sample, dropping the oldest when full. */
  push(sample: HealthSample): void {
    this.pushValues(sample.committed, sample.lag, sample.commitTimestamp);
  }

  /** Appends a sample given as its three values (no object), dropping the oldest when full. */
  pushValues(committed: number, lag: number, commitTimestamp: number): void {
    const slot = 3 * ((this.#start + this.#length) % this.size);
    if (this.#length === this.size) this.#start = (this.#start + 1) % this.size;
    else this.#length++;
    const ring = this.#ring;
    ring[slot] = committed;
    ring[slot + 1] = lag;
    ring[slot + 2] = commitTimestamp;
  }

  /** Committed offset of the i-th sample, oldest first. */
  committed(i: number): number {
    return this.#ring[this.#slot(i)] as number;
  }

  /** Offset lag of the i-th sample, oldest first. */
  lag(i: number): number {
    return this.#ring[this.#slot(i) + 1] as number;
  }

  /** Commit timestamp of the i-th sample, oldest first. */
  commitTimestamp(i: number): number {
    return this.#ring[this.#slot(i) + 2] as number;
  }

  /** Samples, oldest first, as objects (built on each call: for tests and inspection). */
  get samples(): readonly HealthSample[] {
    return Array.from({ length: this.#length }, (_, i) => ({ committed: this.committed(i), lag: this.lag(i), commitTimestamp: this.commitTimestamp(i) }));
  }

  #slot(i: number): number {
    return 3 * ((this.#start + i) % this.size);
  }
}
