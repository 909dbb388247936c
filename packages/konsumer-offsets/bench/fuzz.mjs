// Fuzzes decode() with mutated and truncated real records: the only error allowed is KonsumerOffsetsError; any other
// exception is printed and fails the run. Prints the outcome counts, the slowest case and the heap high-water mark.
// Seeds: the records captured from real brokers (test/fixtures/real/*/records.jsonl) and a slice of the bench corpus.
// Usage: node bench/fuzz.mjs [cases=2000000] [seed=1]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { decode, KonsumerOffsetsError } from "../dist/index.js";
import { mutateRecord, parseJsonLines, prng } from "./mutate.mjs";

const [casesText = "2000000", seedText = "1"] = process.argv.slice(2);
const cases = Number(casesText);

const seeds = [];
const realDir = "test/fixtures/real";
if (existsSync(realDir)) {
  for (const version of readdirSync(realDir)) {
    const file = `${realDir}/${version}/records.jsonl`;
    if (existsSync(file)) seeds.push(...parseJsonLines(readFileSync(file, "utf8")));
  }
}
const corpus = "bench/.corpus/busy-cluster.jsonl";
if (!existsSync(corpus)) execFileSync(process.execPath, ["bench/corpus.mjs", corpus], { stdio: "inherit" });
seeds.push(...firstLines(corpus, 2000));

/** The first `count` records of a JSON-lines file (in a function, so the file's text is garbage once it returns). */
function firstLines(path, count) {
  const text = readFileSync(path, "utf8");
  let end = 0;
  for (let lines = 0; lines < count && end !== -1; lines++) end = text.indexOf("\n", end + 1);
  return parseJsonLines(text.slice(0, end === -1 ? text.length : end));
}
console.log(`fuzzing decode with ${cases} cases from ${seeds.length} seed records`);

const random = prng(Number(seedText));
globalThis.gc?.();
const heapBase = process.memoryUsage().heapUsed;
const outcomes = new Map();
let failures = 0;
let slowest = { ms: 0, case: -1 };
let heapHigh = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < cases; i++) {
  const seed = seeds[Math.floor(random() * seeds.length)];
  const { key, value } = mutateRecord(seed, random);
  const t0 = process.hrtime.bigint();
  let outcome;
  try {
    outcome = `ok ${decode(key, value).type === "Unknown" ? "Unknown" : "known"}`;
  } catch (error) {
    if (error instanceof KonsumerOffsetsError) outcome = `error ${error.code}`;
    else {
      failures++;
      outcome = "UNTYPED EXCEPTION";
      if (failures <= 5) console.error(`case ${i}: key ${Buffer.from(key).toString("hex")} value ${value && Buffer.from(value).toString("hex")}\n`, error);
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (ms > slowest.ms) slowest = { ms, case: i };
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if ((i & 0xffff) === 0) {
    // Live heap after a full collection (run with --expose-gc, as `npm run fuzz` does): what decoding retains.
    globalThis.gc?.();
    heapHigh = Math.max(heapHigh, process.memoryUsage().heapUsed);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
for (const [outcome, count] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`${outcome.padEnd(36)} ${count}`);
console.log(`${cases} cases in ${seconds.toFixed(1)} s (${Math.round(cases / seconds)} cases/s); slowest case ${slowest.ms.toFixed(2)} ms (wall clock, GC pauses included); live heap ${(heapBase / 1e6).toFixed(0)} MB after loading the seeds, high-water ${(heapHigh / 1e6).toFixed(0)} MB`);
if (failures > 0) {
  console.error(`${failures} cases threw something other than KonsumerOffsetsError`);
  process.exitCode = 1;
}
