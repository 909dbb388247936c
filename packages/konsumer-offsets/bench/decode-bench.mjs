// Decoding throughput on a corpus file (JSON lines {"key":"<hex>","value":"<hex>"|null}, see corpus.mjs), in memory,
// next to the Rust crate konsumer_offsets 0.3.2 decoding the same file in the same run (bench/rust-peer; built with
// cargo when cargo is on the PATH): records/s for the whole mix, offset commits alone and group metadata alone, and
// our rate over Rust's. Both sides decode everything, group members' consumer-protocol subscriptions and assignments
// included (nothing is lazy). Rates are per second of each process's CPU time (user + system; ours includes V8's
// garbage-collector threads), which stays meaningful on a shared, loaded machine; the two sides of a workload run back
// to back, three rounds per workload, and the median ratio is the figure to compare between runs. The wall-clock rate is printed too.
// A fourth workload is shaped like a Kafka 4.x cluster: the corpus's offset commits as OffsetCommit v4 with the tagged
// topicId (what 4.x brokers write; 3.x writes v3), written next to the corpus for the Rust peer, which rejects v4
// (konsumer_offsets 0.3.2 knows v0-v3): the bench prints how many records it rejected instead of a figure.
// Then offset commits decoded and their names used as Map keys, and toJson's cost per record.
// Usage: node bench/decode-bench.mjs [corpus=bench/.corpus/busy-cluster.jsonl] [CPU seconds per side and round=1] [--no-peer]
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { decode, encode, toJson } from "../dist/index.js";

const args = process.argv.slice(2);
const withPeer = !args.includes("--no-peer");
const [corpusPath = "bench/.corpus/busy-cluster.jsonl", secondsText = "1"] = args.filter((a) => a !== "--no-peer");
// (Re)written when missing or older than its generator, so a changed generator never leaves a stale corpus behind.
const generator = fileURLToPath(new URL("corpus.mjs", import.meta.url));
if (!existsSync(corpusPath) || statSync(corpusPath).mtimeMs < statSync(generator).mtimeMs) {
  execFileSync(process.execPath, [generator, corpusPath], { stdio: "inherit" });
}

const all = readFileSync(corpusPath, "utf8").trim().split("\n").map((line) => {
  const { key, value } = JSON.parse(line);
  return { key: new Uint8Array(Buffer.from(key, "hex")), value: value === null ? null : new Uint8Array(Buffer.from(value, "hex")) };
});
const recordType = (r) => (r.key[0] << 8) | r.key[1];
const commits = all.filter((r) => recordType(r) <= 1);

/** The corpus's offset commits as a Kafka 4.x broker writes them: value v4 with the topic's id (one per topic name). */
function asKafka4(records) {
  const ids = new Map();
  const topicId = (topic) => {
    let id = ids.get(topic);
    if (id === undefined) {
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = (ids.size * 131 + i * 29 + topic.charCodeAt(i % topic.length)) & 0xff;
      id = Buffer.from(bytes).toString("base64url");
      ids.set(topic, id);
    }
    return id;
  };
  return records.map((r) => {
    const record = decode(r.key, r.value);
    const { expireTimestamp: _, ...value } = record.value;
    return encode({ ...record, value: { ...value, version: 4, topicId: topicId(record.key.topic) } });
  });
}
const kafka4 = asKafka4(commits);
const kafka4Path = corpusPath.replace(/(\.jsonl)?$/, "-kafka4-commits.jsonl");
writeFileSync(kafka4Path, kafka4.map((r) => `{"key":"${Buffer.from(r.key).toString("hex")}","value":"${Buffer.from(r.value).toString("hex")}"}\n`).join(""));

/** name, records, and the Rust peer's corpus and `--types` for the same selection. */
const workloads = [
  { name: "mix (95% commits, 5% group metadata)", records: all, peerTypes: "all" },
  { name: "offset commits only", records: commits, peerTypes: "commits" },
  { name: "group metadata only", records: all.filter((r) => recordType(r) === 2), peerTypes: "groups" },
  { name: "Kafka 4.x commits (v4 + topicId)", records: kafka4, peerTypes: "commits", peerCorpus: kafka4Path },
];

function pass(records) {
  let check = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    check += decode(r.key, r.value).recordType;
  }
  return check;
}

/** Our rate on `records`: warm-up, then passes until `seconds` of CPU time; records/s of CPU and of wall time. */
function measure(records, seconds) {
  for (let i = 0; i < 3; i++) pass(records); // warm-up: compile and optimise
  let decoded = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let cpu = 0;
  while (cpu < seconds) {
    pass(records);
    decoded += records.length;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  return { perCpuSecond: decoded / cpu, perWallSecond: decoded / wall };
}

/** The Rust peer's binary, built on first use; undefined (with the reason printed) when it cannot be. */
function buildPeer() {
  const manifest = fileURLToPath(new URL("rust-peer/Cargo.toml", import.meta.url));
  const cargo = spawnSync("cargo", ["--version"], { encoding: "utf8" });
  if (cargo.error !== undefined || cargo.status !== 0) {
    console.log("Rust peer: cargo not found on the PATH (install Rust from https://rustup.rs): printing our figures only");
    return undefined;
  }
  const build = spawnSync("cargo", ["build", "--release", "--locked", "--quiet", "--manifest-path", manifest], { encoding: "utf8", stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0) {
    console.log(`Rust peer: cargo build failed (exit ${build.status}): printing our figures only`);
    return undefined;
  }
  return fileURLToPath(new URL(`rust-peer/target/release/ko-rust-peer${process.platform === "win32" ? ".exe" : ""}`, import.meta.url));
}

/** The Rust crate's rate on the same corpus selection, from its one JSON line. */
function measurePeer(binary, types, seconds, corpus = corpusPath) {
  const out = execFileSync(binary, [corpus, "--types", types, "--seconds", String(seconds)], { encoding: "utf8" });
  const result = JSON.parse(out.trim().split("\n").pop());
  return { perCpuSecond: result.records_per_cpu_s, perWallSecond: result.records_per_wall_s, errors: result.errors, records: result.records };
}

const seconds = Number(secondsText);
const rounds = 3;
const peer = withPeer ? buildPeer() : undefined;
console.log(
  `konsumer-offsets decode, ${process.version}, corpus ${corpusPath} (${all.length} records); per workload ${rounds} rounds of ` +
    `ours then Rust, ${seconds} s of CPU each; medians`,
);
const rate = (r) => `${(r / 1e6).toFixed(3)} M/s`;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const rows = [];
for (const { name, records, peerTypes, peerCorpus } of workloads) {
  const bytes = records.reduce((sum, r) => sum + r.key.length + (r.value?.length ?? 0), 0);
  // A corpus the crate does not decode gets no figure (a rate of rejections is not a decoding rate): say so instead.
  const trial = peer !== undefined && peerCorpus !== undefined ? measurePeer(peer, peerTypes, 0.2, peerCorpus) : undefined;
  const peerDecodes = peer !== undefined && (trial === undefined || trial.errors === 0);
  const ours = [];
  const rust = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(measure(records, seconds));
    if (peerDecodes) rust.push(measurePeer(peer, peerTypes, seconds, peerCorpus));
  }
  const row = {
    name,
    ours: median(ours.map((o) => o.perCpuSecond)),
    oursWall: median(ours.map((o) => o.perWallSecond)),
    rust: peerDecodes ? median(rust.map((r) => r.perCpuSecond)) : undefined,
    rustWall: peerDecodes ? median(rust.map((r) => r.perWallSecond)) : undefined,
    // The ratio of each round (both sides measured back to back), then its median: steadier than a ratio of medians.
    ratio: peerDecodes ? median(ours.map((o, i) => o.perCpuSecond / rust[i].perCpuSecond)) : undefined,
  };
  console.log(
    `${name.padEnd(38)} ours ${rate(row.ours)} (${((row.ours * bytes) / records.length / 1e6).toFixed(0)} MB/s)` +
      (row.rust === undefined ? "" : `  Rust ${rate(row.rust)}  ours/Rust ${row.ratio.toFixed(2)}x`) +
      `  | wall: ours ${rate(row.oursWall)}${row.rust === undefined ? "" : `, Rust ${rate(row.rustWall)}`}  (${(bytes / records.length).toFixed(0)} B/record)`,
  );
  if (trial !== undefined && trial.errors > 0) console.log(`  Rust: konsumer_offsets 0.3.2 rejected ${trial.errors} of ${trial.records} records of this corpus (it decodes OffsetCommit v0-v3 only): no figure`);
  const rejected = rust.find((r) => r.errors > 0);
  if (rejected !== undefined) console.log(`  warning: the Rust crate rejected ${rejected.errors} of ${rejected.records} records: its rate is not comparable`);
  rows.push(row);
}
if (peer !== undefined) {
  const ratios = rows.filter((r) => r.ratio !== undefined).map((r) => `${r.name.split(" (")[0]} ${r.ratio.toFixed(2)}x`);
  console.log(`ratios (ours/Rust, CPU time): ${ratios.join(", ")}`);
}

// Decoding then using the names, as a consumer does (kommitted keys its state by group and topic): strings built as
// ropes look cheap in a decode-only loop and pay when first hashed, so this line shows what a consumer sees.
{
  const records = workloads[1].records;
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
for (const { name, records } of workloads.slice(1, 3)) {
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

// Headline figures for `npm run bench`'s table (scripts/bench-table.mjs): per CPU-second, with the median ratio.
const { record } = await import("../../../scripts/bench-results.mjs");
const figure = (row) => ({ ours: row.ours, peer: row.rust, ratio: row.ratio });
record("konsumer-offsets", { "decode-mix": figure(rows[0]), "decode-commits": figure(rows[1]), "decode-groups": figure(rows[2]) });
