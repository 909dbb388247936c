// A sample of the fuzzing `npm run fuzz` does by the million: mutated and truncated records (captured from real
// brokers, and random records of every type and version) only ever decode or throw KonsumerOffsetsError.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, encode, KonsumerOffsetsError } from "../src/index.js";
import { anyRecord } from "./arbitraries.js";
// @ts-expect-error -- plain JavaScript module shared with bench/fuzz.mjs
import { mutateRecord, parseJsonLines, prng } from "../bench/mutate.mjs";

type Seed = { key: Uint8Array; value: Uint8Array | null };

const realDir = fileURLToPath(new URL("./fixtures/real", import.meta.url));
const realSeeds: Seed[] = existsSync(realDir)
  ? readdirSync(realDir).flatMap((version) => {
      const file = `${realDir}/${version}/records.jsonl`;
      return existsSync(file) ? (parseJsonLines(readFileSync(file, "utf8")) as Seed[]) : [];
    })
  : [];

/** Decodes; returns the outcome, and fails the test on anything thrown that is not a KonsumerOffsetsError. */
function outcome({ key, value }: Seed): string {
  try {
    return `ok ${decode(key, value).type}`;
  } catch (error) {
    if (error instanceof KonsumerOffsetsError) return `error ${error.code}`;
    throw new Error(`untyped exception for key ${Buffer.from(key).toString("hex")} value ${value && Buffer.from(value).toString("hex")}`, { cause: error });
  }
}

describe("fuzzing decode", () => {
  it.skipIf(realSeeds.length === 0)("mutated real records give records or typed errors only", { timeout: 120_000 }, () => {
    const random = prng(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const seed = realSeeds[Math.floor(random() * realSeeds.length)] as Seed;
      const result = outcome(mutateRecord(seed, random) as Seed);
      counts.set(result, (counts.get(result) ?? 0) + 1);
    }
    // The mutations reach both outcomes: records still decode, and every known failure is typed.
    expect([...counts.keys()].some((k) => k.startsWith("ok"))).toBe(true);
    expect([...counts.keys()].some((k) => k.startsWith("error MALFORMED_VALUE"))).toBe(true);
  });

  it("mutated random records of every type and version give records or typed errors only", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(anyRecord(), fc.integer(), (record, seed) => {
        const random = prng(seed);
        const encoded = encode(record);
        for (let i = 0; i < 20; i++) outcome(mutateRecord(encoded, random) as Seed);
      }),
      { numRuns: 500 },
    );
  });

  it("random bytes give records or typed errors only", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.option(fc.uint8Array({ maxLength: 256 }), { nil: null }), fc.integer({ min: 0, max: 25 }), (key, value, type) => {
        outcome({ key, value });
        // With a known record type in front, the bytes reach that type's decoder.
        outcome({ key: new Uint8Array([0, type, ...key]), value: value && new Uint8Array([0, value[0] ?? 0, ...value]) });
      }),
      { numRuns: 3000 },
    );
  });
});
