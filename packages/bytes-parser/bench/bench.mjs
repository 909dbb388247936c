// Reads per second of @kafkesc/bytes-parser against plain DataView and Buffer code and the npm packages bytebuffer
// and smart-buffer, on a realistic mix (int16/int32/int64/short strings/varints) and per reader.
// Run after `npm run build`: `npm run bench -w packages/bytes-parser`. Options: --time <ms per task> (default 2000),
// --rounds <rounds the time is split into, tasks alternating> (default 5), --only <mix,small,int16,int32,int64,string,used,varint,write>.
import console from "node:console";
import process from "node:process";
import { isDeepStrictEqual } from "node:util";
import { Bench } from "tinybench";
import { MIX_READS_PER_RECORD, mixCorpus, singleTypeCorpus } from "./corpus.mjs";
import { dataViewString, implementations } from "./implementations.mjs";
import { BytesParser } from "../dist/index.js";
import { mixValues, writers } from "./writers.mjs";
import { smallInputReaders, splitRecords } from "./small-inputs.mjs";
import { record } from "../../../scripts/bench-results.mjs";

const timeIndex = process.argv.indexOf("--time");
const time = timeIndex > 0 ? Number(process.argv[timeIndex + 1]) : 2000;
const roundsIndex = process.argv.indexOf("--rounds");
const rounds = roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 5;
const onlyIndex = process.argv.indexOf("--only");
/** Benchmarks to run (--only mix,int16,...): all by default. */
const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1].split(",")) : undefined;
const MIX_RECORDS = 2000;
/** Headline figures for the root `npm run bench`'s table (scripts/bench-table.mjs), recorded at the end. */
const figures = {};
const VALUES = 10_000;
const BASELINE = "DataView (hand-inlined)";
const SUBJECT = "@kafkesc/bytes-parser";

/** Every implementation must read the same values from the mix, or the comparison means nothing. */
function checkAgreement(corpus) {
  const reference = [];
  implementations[SUBJECT].mix(corpus, MIX_RECORDS, reference);
  for (const [name, impl] of Object.entries(implementations)) {
    const values = [];
    impl.mix(corpus, MIX_RECORDS, values);
    if (!isDeepStrictEqual(values, reference)) throw new Error(`${name} reads different values from the mix corpus`);
  }
}

/** Runs one benchmark; returns rows of { name, readsPerSecond, nsPerRead } ordered as `implementations`. */
/**
 * Runs one benchmark in `rounds` rounds, each running every task for `time / rounds` ms, so that the tasks alternate
 * and a burst of load elsewhere on the machine hits all of them rather than one. Per task: the median of the rounds'
 * median call times (robust to that noise), and the best call of all (the uncontended speed).
 * Returns rows of { name, readsPerSecond, nsPerRead, bestReadsPerSecond, bestNsPerRead } in the tasks' order.
 */
async function measure(title, readsPerCall, tasks) {
  const medians = new Map(tasks.map(([name]) => [name, []]));
  const bests = new Map(tasks.map(([name]) => [name, Infinity]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ name: title, time: time / rounds, warmupTime: round === 0 ? 300 : 50 });
    for (const [name, fn] of tasks) bench.add(name, fn);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`${title} / ${task.name}: ${result.state} ${result.error ?? ""}`);
      medians.get(task.name).push(result.latency.p50);
      bests.set(task.name, Math.min(bests.get(task.name), result.latency.min));
    }
  }
  return tasks.map(([name]) => {
    const sorted = medians.get(name).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const best = bests.get(name);
    return {
      name,
      readsPerSecond: (readsPerCall * 1000) / median,
      nsPerRead: (median * 1e6) / readsPerCall,
      bestReadsPerSecond: (readsPerCall * 1000) / best,
      bestNsPerRead: (best * 1e6) / readsPerCall,
    };
  });
}

const percent = (value, baseline) => (baseline ? `${((value / baseline - 1) * 100).toFixed(1)} %` : "");
const count = (value) => Math.round(value).toLocaleString("en-US");

function print(title, rows, baselineName = BASELINE) {
  const baseline = rows.find((row) => row.name === baselineName);
  const op = title.startsWith("Writing") ? "write" : "read";
  console.log(`\n${title}`);
  console.log(
    `${"implementation".padEnd(30)} ${`${op}s/s (median)`.padStart(17)} ${`ns/${op}`.padStart(8)} ${"vs DataView".padStart(11)}   ${`${op}s/s (best)`.padStart(15)} ${`ns/${op}`.padStart(8)} ${"vs DataView".padStart(11)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(30)} ${count(row.readsPerSecond).padStart(17)} ${row.nsPerRead.toFixed(2).padStart(8)} ${percent(row.readsPerSecond, baseline?.readsPerSecond).padStart(11)}   ` +
        `${count(row.bestReadsPerSecond).padStart(15)} ${row.bestNsPerRead.toFixed(2).padStart(8)} ${percent(row.bestReadsPerSecond, baseline?.bestReadsPerSecond).padStart(11)}`,
    );
  }
}

const mix = mixCorpus(MIX_RECORDS);
checkAgreement(mix);
console.log(`@kafkesc/bytes-parser benchmark, Node ${process.version}, ${time} ms per task in ${rounds} alternating rounds`);
console.log(`mix: ${MIX_RECORDS} records x ${MIX_READS_PER_RECORD} reads (${mix.length} bytes); per reader: ${VALUES} values`);

if (only === undefined || only.has("mix")) {
  const mixRows = await measure(
    "mix",
    MIX_RECORDS * MIX_READS_PER_RECORD,
    Object.entries(implementations).map(([name, impl]) => [name, () => impl.mix(mix, MIX_RECORDS)]),
  );
  print(`Realistic mix (int16, 2 short strings, int32 x2, int64 x2, varint, unsigned varint per record)`, mixRows);
  // Ours beside hand-written DataView code and the faster npm library.
  const rate = (name) => mixRows.find((row) => row.name === name).readsPerSecond;
  const npm = ["bytebuffer 5.0.1", "smart-buffer 4.2.0"].sort((a, b) => rate(b) - rate(a))[0];
  figures.mix = { ours: rate(SUBJECT), peer: rate(BASELINE) };
  figures["mix-npm"] = { ours: rate(SUBJECT), peer: rate(npm), peerName: npm };
}

if (only === undefined || only.has("small")) {
  const records = splitRecords(mix, MIX_RECORDS);
  const reference = [];
  implementations[SUBJECT].mix(mix, MIX_RECORDS, reference);
  for (const [name, read] of Object.entries(smallInputReaders)) {
    const values = [];
    read(records, values);
    if (!isDeepStrictEqual(values, reference)) throw new Error(`${name} reads different values from the split mix`);
  }
  const rows = await measure(
    "small",
    MIX_RECORDS * MIX_READS_PER_RECORD,
    Object.entries(smallInputReaders).map(([name, read]) => [name, () => read(records)]),
  );
  print("The mix as one Uint8Array per record ('vs DataView' compares with a new BytesParser per record)", rows, "new BytesParser per record");
}

for (const type of ["int16", "int32", "int64", "string", "varint"]) {
  if (only !== undefined && !only.has(type)) continue;
  const corpus = singleTypeCorpus(type, VALUES);
  const tasks = Object.entries(implementations)
    .filter(([, impl]) => impl[type] !== undefined)
    .map(([name, impl]) => [name, () => impl[type](corpus, VALUES)]);
  print(type === "string" ? "STRING (int16 length + ~14 ASCII bytes)" : type, await measure(type, VALUES, tasks));
}

// Strings as a program uses them: each one a Map key. A string built in pieces (a rope) is cheap to make and pays when
// first hashed, compared or printed; one from the native slicer is flat from the start. Reading alone hides that.
if (only === undefined || only.has("used")) {
  const corpus = singleTypeCorpus("string", VALUES);
  const seen = new Map();
  const tasks = [
    [
      SUBJECT,
      () => {
        const p = new BytesParser(corpus);
        for (let i = 0; i < VALUES; i++) seen.set(p.readString(), i);
      },
    ],
    [
      BASELINE,
      () => {
        const dv = new DataView(corpus.buffer, corpus.byteOffset, corpus.byteLength);
        for (let i = 0, p = 0; i < VALUES; i++) {
          const n = dv.getInt16(p);
          seen.set(dataViewString(corpus, p + 2, p + 2 + n), i);
          p += 2 + n;
        }
      },
    ],
  ];
  const rows = await measure("used", VALUES, tasks);
  print("STRING (~14 ASCII bytes), each then used as a Map key", rows);
  figures.used = { ours: rows[0].readsPerSecond, peer: rows[1].readsPerSecond };
}

if (only === undefined || only.has("write")) {
  const values = mixValues(MIX_RECORDS);
  for (const [name, write] of Object.entries(writers)) {
    if (!isDeepStrictEqual(Array.from(write(values)), Array.from(mix))) throw new Error(`${name} writes different bytes for the mix`);
  }
  const tasks = Object.entries(writers).map(([name, write]) => [name, () => write(values)]);
  const rows = await measure("write", MIX_RECORDS * MIX_READS_PER_RECORD, tasks);
  print("Writing the mix (the same 9 values per record; bytes-parser, bytebuffer and smart-buffer grow their buffer)", rows);
}

record("bytes-parser", figures);
