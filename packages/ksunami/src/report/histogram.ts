/**
 * A latency histogram in whole milliseconds with log-linear buckets (exact up to 64 ms, then 32 buckets
 * per power of two: under 3.2 % relative error), cheap enough to record every delivery report.
 */
const LINEAR = 64;
const SUB_BUCKETS = 32;
const POWERS = 32;

/** Counts of latencies, with percentiles. */
export class LatencyHistogram {
  readonly #counts = new Float64Array(LINEAR + POWERS * SUB_BUCKETS);
  #total = 0;
  #max = 0;

  /** Records one latency in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const v = ms > 0 ? Math.floor(ms) : 0;
    this.#counts[bucketOf(v)]! += 1;
    this.#total += 1;
    if (v > this.#max) this.#max = v;
  }

  /** How many latencies were recorded. */
  get count(): number {
    return this.#total;
  }

  /** The largest latency recorded, in ms. */
  get max(): number {
    return this.#max;
  }

  /** The latency below which a fraction `q` (0..1) of the recorded ones fall, in ms (upper edge of its bucket); NaN when empty. */
  percentile(q: number): number {
    if (this.#total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.#total));
    let seen = 0;
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return Math.min(upperEdgeOf(i), this.#max);
    }
    return this.#max;
  }

  /** Adds every count of `other` to this one. */
  add(other: LatencyHistogram): void {
    for (let i = 0; i < this.#counts.length; i++) this.#counts[i]! += other.#counts[i]!;
    this.#total += other.#total;
    this.#max = Math.max(this.#max, other.#max);
  }

  /** Forgets everything. */
  reset(): void {
    this.#counts.fill(0);
    this.#total = 0;
    this.#max = 0;
  }
}

function bucketOf(v: number): number {
  if (v < LINEAR) return v;
  const power = Math.min(Math.floor(Math.log2(v)), POWERS + 5); // v >= 64: power >= 6
  const sub = Math.min(Math.floor(v / 2 ** (power - 5)) - SUB_BUCKETS, SUB_BUCKETS - 1);
  return LINEAR + (power - 6) * SUB_BUCKETS + sub;
}

function upperEdgeOf(bucket: number): number {
  if (bucket < LINEAR) return bucket;
  const power = Math.floor((bucket - LINEAR) / SUB_BUCKETS) + 6;
  const sub = (bucket - LINEAR) % SUB_BUCKETS;
  return (SUB_BUCKETS + sub + 1) * 2 ** (power - 5) - 1;
}
