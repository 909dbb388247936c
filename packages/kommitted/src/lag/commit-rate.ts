import { doubles } from "../state/doubles.js";

/** Rates derived from a partition's recent commits. */
export interface CommitRate {
  /** Commits per second over the recent commits (null with fewer than two). */
  commitsPerSecond: number | null;
  /** Records consumed per second, from the movement of the committed offset (null with fewer than two commits). */
  offsetsPerSecond: number | null;
}

/**
 * The last few commits (commit timestamp, offset) of one group partition, in a fixed ring: what commit rate, consumption
 * rate and the REWIND rule look at.
 */
export class CommitHistory {
  /** How many commits are kept. */
  readonly capacity: number;
  /** Commit timestamps in `[0, capacity)`, offsets in `[capacity, 2 * capacity)`: one array per partition. */
  readonly #ring: number[];
  #start = 0;
  #size = 0;

  constructor(capacity = 8) {
    this.capacity = capacity;
    this.#ring = doubles(2 * capacity);
  }

  /** Number of commits held. */
  get size(): number {
    return this.#size;
  }

  /** Adds a commit. */
  add(commitTimestampMs: number, offset: number): void {
    const index = (this.#start + this.#size) % this.capacity;
    if (this.#size === this.capacity) this.#start = (this.#start + 1) % this.capacity;
    else this.#size++;
    this.#ring[index] = commitTimestampMs;
    this.#ring[this.capacity + index] = offset;
  }

  /** Commit timestamp of the i-th commit, oldest first. */
  timeAt(i: number): number {
    return this.#ring[(this.#start + i) % this.capacity] as number;
  }

  /** Offset of the i-th commit, oldest first. */
  offsetAt(i: number): number {
    return this.#ring[this.capacity + ((this.#start + i) % this.capacity)] as number;
  }

  /** Commit and consumption rates over the commits held. */
  rate(): CommitRate {
    return this.rateInto({ commitsPerSecond: null, offsetsPerSecond: null });
  }

  /** Writes the commit and consumption rates into `out` (an object kept between polls) and returns it. */
  rateInto(out: CommitRate): CommitRate {
    const spanMs = this.#size < 2 ? 0 : this.timeAt(this.#size - 1) - this.timeAt(0);
    if (spanMs <= 0) {
      out.commitsPerSecond = null;
      out.offsetsPerSecond = null;
    } else {
      out.commitsPerSecond = ((this.#size - 1) * 1000) / spanMs;
      out.offsetsPerSecond = ((this.offsetAt(this.#size - 1) - this.offsetAt(0)) * 1000) / spanMs;
    }
    return out;
  }
}
