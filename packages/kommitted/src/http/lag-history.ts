/**
 * A short, bounded history of each group's lag for the web page's charts: one sample (time, total offset lag, largest
 * time lag) per group at most every `stepMs`, `capacity` samples per group in preallocated Float64Arrays (rings), so
 * memory is fixed per group: 16 bytes a sample, about 2.9 KB a group at the default 180 samples. Every group present at
 * a sample gets one, so the samples' times are kept once, in a ring shared by all groups (a group's own ring held
 * them too: 1.4 MB more at 1,000 groups). Groups that leave the snapshot (deleted) leave the history.
 */
import type { LagSnapshot } from "../lag/snapshot.js";

/** One sample of a group's lag. */
export interface LagSample {
  /** Snapshot time (ms). */
  t: number;
  /** Sum of the group's offset lags. */
  offsetLag: number;
  /** Largest time lag of the group (ms), null if none known. */
  timeLagMs: number | null;
}

/**
 * The lags of one group, in rings indexed as the history's shared ring of times: sample number `n` (counted over the
 * whole history) is at `n % capacity`. The group has every sample from the one recorded when it appeared (`first`) on.
 */
class GroupRing {
  /** Number of the group's first sample. */
  readonly first: number;
  readonly #offsetLag: Float64Array;
  readonly #timeLag: Float64Array;

  constructor(capacity: number, first: number) {
    this.first = first;
    this.#offsetLag = new Float64Array(capacity);
    this.#timeLag = new Float64Array(capacity);
  }

  /** Writes sample number `n`. */
  set(n: number, offsetLag: number, timeLagMs: number | null): void {
    const i = n % this.#offsetLag.length;
    this.#offsetLag[i] = offsetLag;
    this.#timeLag[i] = timeLagMs ?? Number.NaN;
  }

  /** The samples numbered `from` to `to - 1` (both within the ring), their times read from `times`, oldest first. */
  samples(times: Float64Array, from: number, to: number): LagSample[] {
    const out: LagSample[] = [];
    for (let n = Math.max(from, this.first); n < to; n++) {
      const i = n % times.length;
      const timeLag = this.#timeLag[i] as number;
      out.push({ t: times[i] as number, offsetLag: this.#offsetLag[i] as number, timeLagMs: Number.isNaN(timeLag) ? null : timeLag });
    }
    return out;
  }

  /** Offset lag of sample number `n`. */
  offsetLagAt(n: number): number {
    return this.#offsetLag[n % this.#offsetLag.length] as number;
  }
}

/** Lag history of every group. */
export class LagHistory {
  /** Samples kept per group. */
  readonly capacity: number;
  /** Least time between two samples (ms). */
  readonly stepMs: number;
  readonly #groups = new Map<string, GroupRing>();
  /** Time of each sample, shared by every group: sample number `n` at `n % capacity`. */
  readonly #times: Float64Array;
  /** Samples recorded so far (the next one's number). */
  #recorded = 0;

  constructor(capacity: number, stepMs: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`lag history capacity must be an integer >= 2, got ${capacity}`);
    if (!(stepMs > 0)) throw new RangeError(`lag history step must be > 0 ms, got ${stepMs}`);
    this.capacity = capacity;
    this.stepMs = stepMs;
    this.#times = new Float64Array(capacity);
  }

  /** Records the snapshot if at least `stepMs` passed since the last recorded one; returns whether it did. */
  record(snapshot: LagSnapshot | undefined): boolean {
    if (snapshot === undefined || snapshot.asOf - this.lastAsOf < this.stepMs) return false;
    const n = this.#recorded;
    this.#times[n % this.capacity] = snapshot.asOf;
    for (const name of this.#groups.keys()) if (!snapshot.groups.has(name)) this.#groups.delete(name);
    for (const g of snapshot.groups.values()) {
      let ring = this.#groups.get(g.group);
      if (ring === undefined) this.#groups.set(g.group, (ring = new GroupRing(this.capacity, n)));
      ring.set(n, g.totalOffsetLag, g.maxTimeLagMs);
    }
    this.#recorded = n + 1;
    return true;
  }

  /** The samples of one group, oldest first (undefined for a group without history). */
  series(group: string): LagSample[] | undefined {
    return this.#groups.get(group)?.samples(this.#times, Math.max(0, this.#recorded - this.capacity), this.#recorded);
  }

  /** The `n` groups with the largest offset lag at the newest sample, largest first (ties by name). */
  top(n: number): string[] {
    const newest = this.#recorded - 1;
    return [...this.#groups.entries()]
      .sort(([a, ra], [b, rb]) => rb.offsetLagAt(newest) - ra.offsetLagAt(newest) || a.localeCompare(b))
      .slice(0, n)
      .map(([name]) => name);
  }

  /** Time of the newest recorded snapshot (ms; -Infinity before the first). */
  get lastAsOf(): number {
    return this.#recorded === 0 ? Number.NEGATIVE_INFINITY : (this.#times[(this.#recorded - 1) % this.capacity] as number);
  }

  /** Groups with a history. */
  get size(): number {
    return this.#groups.size;
  }
}
