import { doubles } from "./doubles.js";

/**
 * Bounded history of a partition's end offset over time: the samples that time-lag estimation interpolates over.
 *
 * A sample is stored only when the end offset moved, so an idle partition keeps one sample however long it idles
 * (its history then spans as far back as the last write) and memory grows with traffic, not with the poll count.
 * When the offset moves after an idle stretch, the end of the plateau is stored too (same offset, last time seen at
 * it): without it, records written in a burst after a long idle would be spread by interpolation over the whole idle
 * stretch and look much older than they are.
 *
 * When the history is full it is thinned instead of dropping its oldest sample: the oldest sample and the newest
 * `recent` samples are always kept, and among the others the ones whose removal changes the interpolated curve least
 * go (a batch at a time). Removing sample i replaces the two segments around it by the chord between its neighbours;
 * the time error that causes is largest at i's own offset: |t(i) - chord(o(i))|. That error is weighed by the age of
 * the right neighbour (newest time minus t(i+1)): every committed offset the chord covers is at least that old, so the
 * ratio bounds the relative time-lag error the removal causes. A steady stream is thinned without error (its samples
 * lie on one line); plateau ends (whose removal would misplace a burst by the whole idle stretch) stay while they matter; the
 * old part gets coarser as it ages, so its span keeps growing with bounded relative error instead of being capped at
 * capacity x poll interval.
 */
export class PartitionHistory {
  /** Most samples kept (the `--history` flag). */
  readonly capacity: number;
  /** Newest samples never thinned (full resolution for young committed offsets). */
  readonly recent: number;
  /**
   * Samples stored, oldest first, as [offset, time] pairs: a plain array of doubles while the history is in its first
   * buffer, a Float64Array once it grew (see the constructor).
   */
  #data: number[] | Float64Array;
  #size = 0;
  /** Wall-clock time (ms) of the last poll that observed this partition, whether or not the offset moved. */
  lastObservedAt = Number.NaN;
  /** How many polls observed this partition (counts idle polls too: readiness is measured in polls). */
  observations = 0;

  /**
   * `recent` defaults to a quarter of `capacity`. The buffer starts at 8 samples (an idle partition needs 1), then grows
   * to 128 samples (or `capacity` if smaller: once, at the default 120), then doubles up to `capacity`: doubling from 8
   * left several dead buffers per busy partition for the GC, and growing straight to a large `--history` would cost
   * every partition written 9 times its full size. The first buffer is a plain array of doubles, which V8 keeps on its
   * heap (see `doubles`): an idle partition keeps it for good, and as a Float64Array it cost an ArrayBuffer object and
   * an off-heap backing store with V8's bookkeeping for its 128 bytes (`bench/history-memory.mjs 10000 1`, 10,000
   * histories of one sample, two runs: +11.6-11.7 MB of RSS, against +14.9-15.4 MB as Float64Arrays). A grown buffer is
   * a Float64Array, whose overhead is small beside its size.
   */
  constructor(capacity: number, recent = Math.ceil(capacity / 4)) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`history capacity must be an integer >= 2, got ${capacity}`);
    if (!Number.isInteger(recent) || recent < 1 || recent > capacity) throw new RangeError(`recent samples must be an integer in [1, ${capacity}], got ${recent}`);
    this.capacity = capacity;
    this.recent = recent;
    this.#data = doubles(2 * Math.min(capacity, INITIAL_SAMPLES));
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
    if (this.#size === this.capacity) this.#thin();
    else if (2 * this.#size === this.#data.length) this.#grow();
    const i = 2 * this.#size;
    this.#data[i] = endOffset;
    this.#data[i + 1] = timeMs;
    this.#size++;
  }

  /** Forgets every sample (the partition was deleted or recreated). */
  clear(): void {
    this.#size = 0;
  }

  /** End offset of the i-th sample, oldest first. */
  offsetAt(i: number): number {
    return this.#data[2 * i] as number;
  }

  /** Time (ms) at which the i-th sample was first seen, oldest first. */
  timeAt(i: number): number {
    return this.#data[2 * i + 1] as number;
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

  /** Bytes of samples the buffer holds room for (8 a number, plain array or Float64Array). */
  get byteSize(): number {
    return 8 * this.#data.length;
  }

  #grow(): void {
    const data = new Float64Array(2 * Math.min(this.capacity, Math.max(this.#data.length, SECOND_SAMPLES)));
    for (let i = 0; i < 2 * this.#size; i++) data[i] = this.#data[i] as number;
    this.#data = data;
  }

  /**
   * Frees room by removing up to a quarter of the thinnable samples (1 .. size - recent - 1), cheapest first (see the
   * class comment), never two neighbours in one pass so that each cost is exact for the curve it is removed from.
   * With no thinnable sample (capacity too close to `recent`), the oldest sample goes. O(n) every ~n/4 pushes:
   * bench/history-memory.mjs measures it (2-3 ms a poll of 10,000 busy partitions at the default capacity on a loaded
   * 2-core machine, against 1-2 ms when the oldest sample was dropped).
   */
  #thin(): void {
    const data = this.#data;
    const last = this.#size - 1;
    const end = this.#size - this.recent; // candidates are 1 .. end - 1; sample `end` is a neighbour only
    if (end < 2) {
      data.copyWithin(0, 2);
      this.#size--;
      return;
    }
    const newest = data[2 * last + 1] as number;
    const count = end - 1;
    reserveScratch(count);
    const cost = costs;
    for (let i = 1; i < end; i++) {
      const o0 = data[2 * i - 2] as number;
      const t0 = data[2 * i - 1] as number;
      const o = data[2 * i] as number;
      const t = data[2 * i + 1] as number;
      const o1 = data[2 * i + 2] as number;
      const t1 = data[2 * i + 3] as number;
      const chord = o1 === o0 ? t0 : t0 + ((o - o0) / (o1 - o0)) * (t1 - t0);
      cost[i - 1] = Math.abs(t - chord) / Math.max(1, newest - t1);
    }
    const batch = Math.max(1, Math.ceil(count / 4));
    selection.set(cost.subarray(0, count));
    const threshold = kthSmallest(selection, count, batch - 1);
    let removed = 0;
    let write = 1;
    let previousRemoved = false;
    for (let i = 1; i <= last; i++) {
      if (i < end && removed < batch && !previousRemoved && (cost[i - 1] as number) <= threshold) {
        removed++;
        previousRemoved = true;
        continue;
      }
      previousRemoved = false;
      if (write !== i) {
        data[2 * write] = data[2 * i] as number;
        data[2 * write + 1] = data[2 * i + 1] as number;
      }
      write++;
    }
    this.#size = write;
  }
}

/** Samples allocated for a new history: enough for an idle partition and a few writes. */
const INITIAL_SAMPLES = 8;
/** Samples of the second buffer (when capacity is larger); doubling after it. */
const SECOND_SAMPLES = 128;

/** Thinning's shared buffers (it runs on one thread, one history at a time): each sample's cost, and a copy to select from. */
let costs = new Float64Array(64);
let selection = new Float64Array(64);

/** Grows both shared buffers to at least `n` values. */
function reserveScratch(n: number): void {
  if (costs.length >= n) return;
  costs = new Float64Array(n);
  selection = new Float64Array(n);
}

/** The k-th smallest (0-based) of `values[0 .. n)`, by quickselect (reorders them; no allocation): the thinning threshold. */
export function kthSmallest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}
