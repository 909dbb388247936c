/**
 * Bounded history of a partition's end offset over time: the samples that time-lag estimation interpolates over.
 *
 * A sample is stored only when the end offset moved, so an idle partition keeps one sample however long it idles
 * (its history then spans as far back as the last write) and memory grows with traffic, not with the poll count.
 * When the offset moves after an idle stretch, the end of the plateau is stored too (same offset, last time seen at
 * it): without it, records written in a burst after a long idle would be spread by interpolation over the whole idle
 * stretch and look much older than they are.
 * The buffer starts small and doubles up to `capacity`, after which the oldest sample is overwritten.
 */
export class PartitionHistory {
  /** Most samples kept (the `--history` flag). */
  readonly capacity: number;
  #offsets: Float64Array;
  #times: Float64Array;
  #start = 0;
  #size = 0;
  /** Wall-clock time (ms) of the last poll that observed this partition, whether or not the offset moved. */
  lastObservedAt = Number.NaN;
  /** How many polls observed this partition (counts idle polls too: readiness is measured in polls). */
  observations = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`history capacity must be an integer >= 2, got ${capacity}`);
    this.capacity = capacity;
    const initial = Math.min(capacity, 8);
    this.#offsets = new Float64Array(initial);
    this.#times = new Float64Array(initial);
  }

  /** Number of stored samples. */
  get size(): number {
    return this.#size;
  }

  /** Records the end offset seen at `timeMs`. Offsets that go backwards (topic recreated, truncation) reset the history. */
  observe(endOffset: number, timeMs: number): void {
    this.observations++;
    const previousObservation = this.lastObservedAt;
    this.lastObservedAt = timeMs;
    if (this.#size > 0) {
      const last = this.offsetAt(this.#size - 1);
      if (endOffset === last) return;
      if (endOffset < last) this.clear();
      else if (previousObservation > this.timeAt(this.#size - 1)) this.#push(last, previousObservation);
    }
    this.#push(endOffset, timeMs);
  }

  #push(endOffset: number, timeMs: number): void {
    if (this.#size === this.#offsets.length && this.#size < this.capacity) this.#grow();
    if (this.#size === this.capacity) {
      this.#start = (this.#start + 1) % this.#offsets.length;
      this.#size--;
    }
    const index = (this.#start + this.#size) % this.#offsets.length;
    this.#offsets[index] = endOffset;
    this.#times[index] = timeMs;
    this.#size++;
  }

  /** Forgets every sample (the partition was deleted or recreated). */
  clear(): void {
    this.#start = 0;
    this.#size = 0;
  }

  /** End offset of the i-th sample, oldest first. */
  offsetAt(i: number): number {
    return this.#offsets[(this.#start + i) % this.#offsets.length] as number;
  }

  /** Time (ms) at which the i-th sample was first seen, oldest first. */
  timeAt(i: number): number {
    return this.#times[(this.#start + i) % this.#times.length] as number;
  }

  /** Oldest stored sample, if any. */
  oldest(): { offset: number; time: number } | undefined {
    return this.#size === 0 ? undefined : { offset: this.offsetAt(0), time: this.timeAt(0) };
  }

  /** Newest stored sample, if any. */
  newest(): { offset: number; time: number } | undefined {
    return this.#size === 0 ? undefined : { offset: this.offsetAt(this.#size - 1), time: this.timeAt(this.#size - 1) };
  }

  /** Index of the first sample whose end offset is greater than `offset` (binary search), or `size` if none. */
  firstAbove(offset: number): number {
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsetAt(mid) > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Approximate bytes held by the buffers. */
  get byteSize(): number {
    return this.#offsets.byteLength + this.#times.byteLength;
  }

  #grow(): void {
    const length = Math.min(this.capacity, this.#offsets.length * 2);
    const offsets = new Float64Array(length);
    const times = new Float64Array(length);
    for (let i = 0; i < this.#size; i++) {
      offsets[i] = this.offsetAt(i);
      times[i] = this.timeAt(i);
    }
    this.#offsets = offsets;
    this.#times = times;
    this.#start = 0;
  }
}
