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
  readonly #times: Float64Array;
  readonly #offsets: Float64Array;
  #start = 0;
  #size = 0;

  constructor(capacity = 8) {
    this.capacity = capacity;
    this.#times = new Float64Array(capacity);
    this.#offsets = new Float64Array(capacity);
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
    this.#times[index] = commitTimestampMs;
    this.#offsets[index] = offset;
  }

  /** Commit timestamp of the i-th commit, oldest first. */
  timeAt(i: number): number {
    return this.#times[(this.#start + i) % this.capacity] as number;
  }

  /** Offset of the i-th commit, oldest first. */
  offsetAt(i: number): number {
    return this.#offsets[(this.#start + i) % this.capacity] as number;
  }

  /** Commit and consumption rates over the commits held. */
  rate(): CommitRate {
    if (this.#size < 2) return { commitsPerSecond: null, offsetsPerSecond: null };
    const spanMs = this.timeAt(this.#size - 1) - this.timeAt(0);
    if (spanMs <= 0) return { commitsPerSecond: null, offsetsPerSecond: null };
    return {
      commitsPerSecond: ((this.#size - 1) * 1000) / spanMs,
      offsetsPerSecond: ((this.offsetAt(this.#size - 1) - this.offsetAt(0)) * 1000) / spanMs,
    };
  }
}
