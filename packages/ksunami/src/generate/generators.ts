/**
 * Generators of keys and payloads from their specification. Random bytes and alphanumeric strings are
 * cut from a pre-generated random pool at a random offset (a zero-copy view: the Kafka client copies
 * each value when it enqueues it), so generating costs almost nothing per record.
 */
import { Random } from "./random.js";
import type { ValueSpec } from "./spec.js";

/** How numbers are written: as decimal text (default) or as 8-byte big-endian binary (int64 / float64), as the Rust ksunami does. */
export type NumberEncoding = "text" | "binary";

/** Produces one value per call. */
export interface ValueGenerator {
  /** The next value. */
  next(): Buffer;
  /** Expected size in bytes of a value, for `--plan`'s bytes per cycle. */
  readonly averageSize: number;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Smallest random pool: values are views at random offsets into it. */
const MIN_POOL = 1 << 20;

/** Builds the generator of a specification, drawing randomness from `random`. */
export function createGenerator(spec: ValueSpec, random: Random, numbers: NumberEncoding = "text"): ValueGenerator {
  switch (spec.kind) {
    case "string":
    case "file": {
      const bytes = spec.bytes;
      return { next: () => bytes, averageSize: bytes.length };
    }
    case "bytes":
    case "alpha": {
      const length = spec.length;
      const pool = Buffer.allocUnsafe(Math.max(MIN_POOL, length * 4));
      random.fill(pool);
      if (spec.kind === "alpha") for (let i = 0; i < pool.length; i++) pool[i] = ALPHANUMERIC.charCodeAt(pool[i]! % 62);
      const offsets = pool.length - length + 1;
      return { next: () => { const at = random.nextInt(offsets); return pool.subarray(at, at + length); }, averageSize: length };
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
