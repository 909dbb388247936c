/**
 * The interpreted readers (no `new Function`, for pages whose Content-Security-Policy forbids eval) decode exactly as
 * the generated ones: every real-broker fixture of every Kafka version, and a dozen truncations of each record (same
 * error code, message and field path). Two instances of the package are loaded: the main entry point, and a fresh one
 * through the `no-eval` entry point (interpreted readers from the start).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";

type Package = typeof import("@kafkesc/konsumer-offsets");

const fixtures = fileURLToPath(new URL("./fixtures/real/", import.meta.url));
const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const records = readdirSync(fixtures).flatMap((version) =>
  readFileSync(`${fixtures}${version}/records.jsonl`, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const r = JSON.parse(line) as { offset: number; partition: number; key: string; value: string | null };
      return { name: `${version} ${r.partition}/${r.offset}`, key: hex(r.key), value: r.value === null ? null : hex(r.value) };
    }),
);

/** What decoding gives, as comparable text: the JSON form, or the error's name, code, message and context. */
function outcome(pkg: Package, key: Uint8Array, value: Uint8Array | null): string {
  try {
    return pkg.toJson(pkg.decode(key, value));
  } catch (error) {
    const e = error as Error & { code?: string; context?: unknown };
    return `${e.name} ${e.code} ${e.message} ${JSON.stringify(e.context, (_, v: unknown) => (typeof v === "bigint" ? `${v}` : v))}`;
  }
}

describe("interpreted readers", () => {
  let compiled: Package;
  let interpreted: Package;
  beforeAll(async () => {
    compiled = await import("@kafkesc/konsumer-offsets");
    vi.resetModules();
    interpreted = await import("../src/no-eval.js");
    expect(interpreted.decode).not.toBe(compiled.decode);
  }, 60_000);

  it("decode every real-broker record as the generated readers do", () => {
    expect(records.length).toBeGreaterThan(400);
    for (const r of records) expect(outcome(interpreted, r.key, r.value), r.name).toBe(outcome(compiled, r.key, r.value));
  }, 60_000);

  it("fail on truncated values with the same error and field path", () => {
    let failures = 0;
    const differences: string[] = [];
    for (const r of records) {
      if (r.value === null) continue;
      const step = Math.max(1, Math.floor(r.value.length / 12));
      for (let end = 0; end < r.value.length; end += step) {
        const cut = r.value.subarray(0, end);
        const expected = outcome(compiled, r.key, cut);
        if (!expected.startsWith("{")) failures++;
        if (outcome(interpreted, r.key, cut) !== expected) differences.push(`${r.name} cut at ${end}: ${expected}`);
      }
    }
    expect(differences).toEqual([]);
    expect(failures).toBeGreaterThan(1000);
  }, 60_000);
});
