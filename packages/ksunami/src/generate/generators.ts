/**
 * Generators of keys and payloads from their specification. Random bytes and alphanumeric strings are
 * copied from a pre-generated random pool at a random offset into a reused buffer, their first 8 bytes
 * drawn fresh, so generating costs a small copy per record and allocates nothing.
 */
import { Random } from "./random.js";
import type { ValueSpec } from "./spec.js";

/** How numbers are written: as decimal text (default) or as 8-byte big-endian binary (int64 / float64), as the Rust ksunami does. */
export type NumberEncoding = "text" | "binary";

/** Produces one value per call. */
export interface ValueGenerator {
  /**
   * The next value. Valid until the next call only (generators reuse one buffer: the Kafka client copies
   * keys and values when it enqueues them).
   */
  next(): Buffer;
  /** Expected size in bytes of a value, for `--plan`'s bytes per cycle. */
  readonly averageSize: number;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Smallest random pool: values are copied from random offsets into it. */
const MIN_POOL = 1 << 20;
/** Leading bytes of `bytes:`/`alpha:` values drawn fresh for every value (64 random bits). */
const FRESH_BYTES = 8;

/** Builds the generator of a specification, drawing randomness from `random`. */
export function createGenerator(spec: ValueSpec, random: Random, numbers: NumberEncoding = "text"): ValueGenerator {
  switch (spec.kind) {
    case "string":
    case "file": {
      const bytes = spec.bytes;
      return { next: () => bytes, averageSize: bytes.length };
    }
    case "values": {
      const { bytes, bounds, order } = spec;
      const count = bounds.length / 2;
      let i = -1;
      const pick = order === "random" ? () => random.nextInt(count) : () => (i = i + 1 === count ? 0 : i + 1);
      return {
        next: () => {
          const v = pick();
          return bytes.subarray(bounds[2 * v]!, bounds[2 * v + 1]!);
        },
        averageSize: (bounds[bounds.length - 1]! - bounds[0]! - gaps(bounds)) / count,
      };
    }
    case "bytes":
    case "alpha": {
      const length = spec.length;
      const alpha = spec.kind === "alpha";
      const pool = Buffer.allocUnsafe(Math.max(MIN_POOL, length * 4));
      random.fill(pool);
      if (alpha) for (let i = 0; i < pool.length; i++) pool[i] = ALPHANUMERIC.charCodeAt(pool[i]! % 62);
      const offsets = pool.length - length + 1;
      const scratch = Buffer.allocUnsafe(length);
      const fresh = Math.min(FRESH_BYTES, length);
      return {
        next: () => {
          const at = random.nextInt(offsets);
          pool.copy(scratch, 0, at, at + length);
          // Fresh random bytes up front, so that values do not repeat when two draws hit the same offset.
          for (let i = 0; i < fresh; i += 4) {
            let r = random.nextUint32();
            for (let j = i; j < i + 4 && j < fresh; j++, r >>>= 8) scratch[j] = alpha ? ALPHANUMERIC.charCodeAt((r & 0xff) % 62) : r & 0xff;
          }
          return scratch;
        },
        averageSize: length,
      };
    }
    case "int": {
      const { min, max } = spec;
      const span = max - min + 1;
      const draw = (): number => min + random.nextInt(span);
      if (numbers === "binary") {
        return { next: () => { const b = Buffer.allocUnsafe(8); b.writeBigInt64BE(BigInt(draw())); return b; }, averageSize: 8 };
      }
      return { next: () => Buffer.from(String(draw()), "latin1"), averageSize: averageTextLength(min, max) };
    }
    case "float": {
      const { min, max } = spec;
      // k / (2^53 - 1) covers [0, 1] inclusive, so both bounds can be drawn.
      const draw = (): number => Math.min(max, min + (max - min) * (random.nextInt(2 ** 53) / (2 ** 53 - 1)));
      if (numbers === "binary") {
        return { next: () => { const b = Buffer.allocUnsafe(8); b.writeDoubleBE(draw()); return b; }, averageSize: 8 };
      }
      return { next: () => Buffer.from(String(draw()), "latin1"), averageSize: averageFloatTextLength(min, max) };
    }
  }
}

/** Average length of the decimal text of a uniform integer in [min, max], estimated from 1,000 draws. */
function averageTextLength(min: number, max: number): number {
  const sampler = new Random(1);
  let total = 0;
  for (let i = 0; i < 1000; i++) total += String(min + sampler.nextInt(max - min + 1)).length;
  return total / 1000;
}

/** Average length of the decimal text of a uniform number in [min, max], estimated from 1,000 draws. */
function averageFloatTextLength(min: number, max: number): number {
  const sampler = new Random(1);
  let total = 0;
  for (let i = 0; i < 1000; i++) total += String(min + (max - min) * sampler.nextFloat()).length;
  return total / 1000;
}

/** Bytes between consecutive values (line ends), not part of any value. */
function gaps(bounds: Float64Array): number {
  let total = 0;
  for (let i = 2; i < bounds.length; i += 2) total += bounds[i]! - bounds[i - 1]!;
  return total;
}
