import type { HealthSample } from "./rules.js";

/** A sliding window of the last `size` health samples of one group partition. */
export class HealthWindow {
  /** Samples held at most. */
  readonly size: number;
  readonly #samples: HealthSample[] = [];

  constructor(size: number) {
    this.size = size;
  }

  /** Appends a sample, dropping the oldest when full. */
  push(sample: HealthSample): void {
    this.#samples.push(sample);
    if (this.#samples.length > this.size) this.#samples.shift();
  }

  /** Samples, oldest first. */
  get samples(): readonly HealthSample[] {
    return this.#samples;
  }
}
