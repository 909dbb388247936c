/**
 * A short, bounded history of each group's lag for the web page's charts: one sample (time, total offset lag, largest
 * time lag) per group at most every `stepMs`, `capacity` samples per group in three preallocated Float64Arrays (a
 * ring), so memory is fixed per group: 24 bytes a sample, about 4.5 KB a group at the default 180 samples. Groups that
 * leave the snapshot (deleted) leave the history.
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

/** Samples of one group, oldest first, in a fixed-size ring. */
class GroupRing {
  readonly #t: Float64Array;
  readonly #offsetLag: Float64Array;
  readonly #timeLag: Float64Array;
  #start = 0;
  #count = 0;

  constructor(capacity: number) {
    this.#t = new Float64Array(capacity);
    this.#offsetLag = new Float64Array(capacity);
    this.#timeLag = new Float64Array(capacity);
  }

  /** Appends a sample, overwriting the oldest when full. */
  push(t: number, offsetLag: number, timeLagMs: number | null): void {
    const capacity = this.#t.length;
    const i = (this.#start + this.#count) % capacity;
    this.#t[i] = t;
    this.#offsetLag[i] = offsetLag;
    this.#timeLag[i] = timeLagMs ?? Number.NaN;
    if (this.#count < capacity) this.#count++;
    else this.#start = (this.#start + 1) % capacity;
  }

  /** The samples, oldest first. */
  samples(): LagSample[] {
    const out: LagSample[] = [];
    for (let k = 0; k < this.#count; k++) {
      const i = (this.#start + k) % this.#t.length;
      const timeLag = this.#timeLag[i] as number;
      out.push({ t: this.#t[i] as number, offsetLag: this.#offsetLag[i] as number, timeLagMs: Number.isNaN(timeLag) ? null : timeLag });
    }
    return out;
  }

  /** The newest sample's offset lag (0 if none). */
  get lastOffsetLag(): number {
    return this.#count === 0 ? 0 : (this.#offsetLag[(this.#start + this.#count - 1) % this.#t.length] as number);
  }
}

/** Lag history of every group. */
export class LagHistory {
  /** Samples kept per group. */
  readonly capacity: number;
  /** Least time between two samples (ms). */
  readonly stepMs: number;
  readonly #groups = new Map<string, GroupRing>();
  #lastAsOf = Number.NEGATIVE_INFINITY;

  constructor(capacity: number, stepMs: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`lag history capacity must be an integer >= 2, got ${capacity}`);
    if (!(stepMs > 0)) throw new RangeError(`lag history step must be > 0 ms, got ${stepMs}`);
    this.capacity = capacity;
    this.stepMs = stepMs;
  }

  /** Records the snapshot if at least `stepMs` passed since the last recorded one; returns whether it did. */
  record(snapshot: LagSnapshot | undefined): boolean {
    if (snapshot === undefined || snapshot.asOf - this.#lastAsOf < this.stepMs) return false;
    this.#lastAsOf = snapshot.asOf;
    for (const name of this.#groups.keys()) if (!snapshot.groups.has(name)) this.#groups.delete(name);
    for (const g of snapshot.groups.values()) {
      let ring = this.#groups.get(g.group);
      if (ring === undefined) this.#groups.set(g.group, (ring = new GroupRing(this.capacity)));
      ring.push(snapshot.asOf, g.totalOffsetLag, g.maxTimeLagMs);
    }
    return true;
  }

  /** The samples of one group, oldest first (undefined for a group without history). */
  series(group: string): LagSample[] | undefined {
    return this.#groups.get(group)?.samples();
  }

  /** The `n` groups with the largest offset lag at the newest sample, largest first (ties by name). */
  top(n: number): string[] {
    return [...this.#groups.entries()]
      .sort(([a, ra], [b, rb]) => rb.lastOffsetLag - ra.lastOffsetLag || a.localeCompare(b))
      .slice(0, n)
      .map(([name]) => name);
  }

  /** Time of the newest recorded snapshot (ms; -Infinity before the first). */
  get lastAsOf(): number {
    return this.#lastAsOf;
  }

  /** Groups with a history. */
  get size(): number {
    return this.#groups.size;
  }
}
