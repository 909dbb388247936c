// Decoding throughput on a corpus file (JSON lines {"key":"<hex>","value":"<hex>"|null}, see corpus.mjs), in memory:
// records/s and MB/s (of key + value bytes) for the whole mix, offset commits alone and group metadata alone.
// Rates are per second of this process's CPU time (user + system), which stays meaningful on a shared, loaded
// machine; the wall-clock rate is printed too.
// Then offset commits decoded and their names used as Map keys, and toJson's cost per record.
// Usage: node bench/decode-bench.mjs [corpus=bench/.corpus/busy-cluster.jsonl] [seconds per workload=3]
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { decode, toJson } from "../dist/index.js";

const [corpusPath = "bench/.corpus/busy-cluster.jsonl", secondsText = "3"] = process.argv.slice(2);
if (!existsSync(corpusPath)) execFileSync(process.execPath, ["bench/corpus.mjs", corpusPath], { stdio: "inherit" });

const all = readFileSync(corpusPath, "utf8").trim().split("\n").map((line) => {
  const { key, value } = JSON.parse(line);
  return { key: new Uint8Array(Buffer.from(key, "hex")), value: value === null ? null : new Uint8Array(Buffer.from(value, "hex")) };
});
const recordType = (r) => (r.key[0] << 8) | r.key[1];
const workloads = {
  "mix (95% commits, 5% group metadata)": all,
  "offset commits only": all.filter((r) => recordType(r) <= 1),
  "group metadata only": all.filter((r) => recordType(r) === 2),
};

function pass(records) {
  let check = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    check += decode(r.key, r.value).recordType;
  }
  return check;
}

const seconds = Number(secondsText);
console.log(`konsumer-offsets decode, ${process.version}, corpus ${corpusPath} (${all.length} records)`);
for (const [name, records] of Object.entries(workloads)) {
  const bytes = records.reduce((sum, r) => sum + r.key.length + (r.value?.length ?? 0), 0);
  for (let i = 0; i < 3; i++) pass(records); // warm-up: compile and optimise
  let decoded = 0;
  let byteCount = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds) {
    pass(records);
    decoded += records.length;
    byteCount += bytes;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${name.padEnd(38)} ${(decoded / cpu / 1e6).toFixed(3)} M records/s  ${(byteCount / cpu / 1e6).toFixed(0).padStart(4)} MB/s per CPU-second` +
      `  | wall: ${(decoded / wall / 1e6).toFixed(3)} M records/s  (${(bytes / records.length).toFixed(0)} B/record)`,
  );
}

// Decoding then using the names, as a consumer does (kommitted keys its state by group and topic): strings built as
// ropes look cheap in a decode-only loop and pay when first hashed, so this line shows what a consumer sees.
{
  const records = workloads["offset commits only"];
  const seen = new Map();
  const use = () => {
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const key = decode(r.key, r.value).key;
      const name = `${key.group}/${key.topic}`;
      seen.set(name, (seen.get(name) ?? 0) + 1);
    }
  };
  for (let i = 0; i < 3; i++) use();
  let decoded = 0;
  const cpuStart = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds) {
    use();
    decoded += records.length;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  }
  console.log(`${"offset commits + Map by group/topic".padEnd(38)} ${(decoded / cpu / 1e6).toFixed(3)} M records/s per CPU-second`);
}

// toJson (what `konsumer-offsets tail --format json` prints), on already decoded records: µs per record of CPU time.
for (const [name, records] of Object.entries(workloads).slice(1)) {
  const decoded = records.slice(0, name.startsWith("group") ? 500 : 20_000).map((r) => decode(r.key, r.value));
  let length = 0;
  for (const record of decoded) length += toJson(record).length; // warm-up
  let count = 0;
  const cpuStart = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds / 2) {
    for (const record of decoded) length += toJson(record).length;
    count += decoded.length;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  }
  console.log(`toJson, ${name.padEnd(30)} ${((cpu * 1e6) / count).toFixed(2)} µs of CPU per record (${(length / (count + decoded.length)).toFixed(0)} chars)`);
}
