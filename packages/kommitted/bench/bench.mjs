// kommitted benchmark (run after `npm run build`): `npm run bench -w packages/kommitted`.
//
// 1. Decode throughput of the offsets pipeline in memory: decode + adapter + registry, on a corpus of encoded commits
//    and group metadata (no Kafka).
// 2. On a real single-node Kafka (the harness): GROUPS groups over TOPICS x PARTITIONS_PER_TOPIC partitions, their
//    history written with konsumer-offsets' `encode` to an offsets topic of its own; the real `kommitted` process
//    (dist/cli.js) reads it with --offsets-topic. Measured: time from start to ready (replay + warm history), then
//    CPU and memory of the process while commits arrive at COMMITS_PER_SECOND for DURATION_S, and its clean SIGTERM.
// 3. Its peer in the same run: kommitted's Kafka client alone (client-floor.mjs: the same offsets reader and admin
//    client doing the same reads and listings, with nothing done with what they return), under the same load on the
//    same broker, right after kommitted. Its CPU and RSS are the floor this work costs in Node with this client; what
//    kommitted uses above them is its own.
//
// Environment overrides: KMTD_BENCH_GROUPS, KMTD_BENCH_TOPICS, KMTD_BENCH_PARTITIONS_PER_TOPIC, KMTD_BENCH_RATE,
// KMTD_BENCH_DURATION_S, KMTD_BENCH_PREFILL, KMTD_BENCH_SCRAPE_S, KMTD_BENCH_FLOOR; KMTD_BENCH_NODE_FLAGS passes flags
// to the kommitted process (e.g. `--max-old-space-size=64` to show how much of its heap is live);
// KMTD_BENCH_CHILD_LOG=FILE keeps its debug log; KMTD_BENCH_CLI=PATH runs another build's bin/kommitted.js or
// dist/cli.js (to compare with main's in the same hour).
// By default the bench runs the package's bin, as npm's `kommitted` command does (on Node >= 22.15 it relaunches
// itself with its runtime settings; the child's real flags and MALLOC_ARENA_MAX are printed from /proc). Memory is in MB of 10^6
// bytes, as issue #14's target and `npm run bench`'s table count it (VmRSS is read in KiB and converted).
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { KafkaJS } from "@confluentinc/kafka-javascript";
import { encode, encodeConsumerAssignment, encodeConsumerSubscription } from "@kafkesc/konsumer-offsets";
import { startKafka } from "@kafkesc/kafka-harness";
import { ensureTopic, producerFor, runBench } from "./kafka.mjs";
import { GroupRegistry, decodeEvents } from "../dist/index.js";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const GROUPS = env("KMTD_BENCH_GROUPS", 1000);
const TOPICS = env("KMTD_BENCH_TOPICS", 10);
const PARTITIONS_PER_TOPIC = env("KMTD_BENCH_PARTITIONS_PER_TOPIC", 1000);
const RATE = env("KMTD_BENCH_RATE", 10_000);
const DURATION_S = env("KMTD_BENCH_DURATION_S", 30);
const PREFILL = env("KMTD_BENCH_PREFILL", 200_000);
// Prometheus scrapes /metrics during the load, as in production: every SCRAPE_S seconds (0: no scrapes), the first at
// second 7 (inside the steady-state window), with Prometheus' Accept-Encoding header.
const SCRAPE_S = env("KMTD_BENCH_SCRAPE_S", 15);
// After kommitted, the same load is run against its Kafka client alone (client-floor.mjs), as the peer of its figures
// (KMTD_BENCH_FLOOR=0 skips it).
const FLOOR = env("KMTD_BENCH_FLOOR", 1) !== 0;
const PARTITIONS = TOPICS * PARTITIONS_PER_TOPIC;
const PER_GROUP = Math.max(1, Math.floor(PARTITIONS / GROUPS)); // each group reads its own slice: every partition is read
const CLI = process.env.KMTD_BENCH_CLI ?? fileURLToPath(new URL("../bin/kommitted.js", import.meta.url));
const CLK_TCK = 100;

const topicName = (t) => `bench-topic-${t}`;
const groupName = (g) => `bench-group-${g}`;
/** The n-th partition read by group g. */
const slice = (g, n) => {
  const global = (g * PER_GROUP + n) % PARTITIONS;
  return { topic: topicName(Math.floor(global / PARTITIONS_PER_TOPIC)), partition: global % PARTITIONS_PER_TOPIC };
};

function commitRecord(g, n, offset, now) {
  const { topic, partition } = slice(g, n);
  return encode({
    type: "OffsetCommit",
    recordType: 1,
    key: { group: groupName(g), topic, partition },
    tombstone: false,
    value: { version: 4, offset: BigInt(offset), leaderEpoch: 0, metadata: "", commitTimestamp: BigInt(now), expireTimestamp: -1n },
  });
}

function groupRecord(g) {
  const members = [0, 1].map((m) => {
    const mine = [];
    for (let n = m; n < PER_GROUP; n += 2) mine.push(slice(g, n));
    const byTopic = new Map();
    for (const tp of mine) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
    const assignedPartitions = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
    return {
      memberId: `${groupName(g)}-member-${m}`,
      groupInstanceId: null,
      clientId: `bench-client-${m}`,
      clientHost: `/10.0.${g % 250}.${m}`,
      rebalanceTimeout: 300000,
      sessionTimeout: 45000,
      subscription: { kind: "raw", reason: "malformed", message: "", bytes: encodeConsumerSubscription({ version: 3, topics: [...byTopic.keys()], userData: null, ownedPartitions: [], generationId: 1, rackId: null }) },
      assignment: { kind: "raw", reason: "malformed", message: "", bytes: encodeConsumerAssignment({ version: 3, assignedPartitions, userData: null }) },
    };
  });
  return encode({
    type: "GroupMetadata",
    recordType: 2,
    key: { group: groupName(g) },
    tombstone: false,
    value: { version: 3, protocolType: "consumer", generation: 1, protocol: "range", leader: members[0].memberId, currentStateTimestamp: BigInt(Date.now()), members },
  });
}

/** In-memory throughput of decode + adapter + registry over a corpus like the prefill. */
function decodeBench() {
  const corpus = [];
  for (let g = 0; g < GROUPS; g++) corpus.push(groupRecord(g));
  const now = Date.now();
  for (let i = 0; corpus.length < 200_000; i++) corpus.push(commitRecord(i % GROUPS, Math.floor(i / GROUPS) % PER_GROUP, i, now));
  const bytes = corpus.reduce((sum, r) => sum + r.key.length + (r.value?.length ?? 0), 0);
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const registry = new GroupRegistry();
    const started = process.hrtime.bigint();
    for (const r of corpus) {
      const outcome = decodeEvents(r.key, r.value);
      if (!outcome.ok) throw outcome.error;
      for (const e of outcome.events) if (e.kind !== "topic-names") registry.apply(e);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, corpus.length / seconds);
    if (registry.size !== GROUPS) throw new Error(`registry has ${registry.size} groups, expected ${GROUPS}`);
  }
  const mb = (best * bytes) / corpus.length / 1e6;
  console.log(`decode+apply (in memory, ${corpus.length} records, ${GROUPS} GroupMetadata + commits): ${Math.round(best).toLocaleString("en")} records/s (${mb.toFixed(0)} MB/s)`);
}

const flush = (p) => new Promise((resolve, reject) => p.flush(30_000, (e) => (e ? reject(e) : resolve())));

/** KiB (as /proc reports memory) to MB of 10^6 bytes. */
const KIB_TO_MB = 1024 / 1e6;

/** CPU seconds and RSS (MB) of a process, from /proc. */
function usage(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpu = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * KIB_TO_MB;
  return { cpu, rss };
}

/** One scrape as Prometheus does it (it asks for gzip), counting the bytes on the wire and the text they carry. */
function scrape(url) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": "gzip", accept: "text/plain;version=0.0.4" } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        if (response.statusCode !== 200) return reject(new Error(`scrape answered ${response.statusCode}`));
        const raw = Buffer.concat(chunks);
        const encoding = response.headers["content-encoding"];
        const text = encoding === "gzip" ? gunzipSync(raw) : raw;
        let lines = 0;
        for (let at = text.indexOf(10); at !== -1; at = text.indexOf(10, at + 1)) lines++;
        resolve({ ms: Date.now() - started, bytes: text.length, wire: raw.length, lines, encoding });
      });
    }).on("error", reject);
  });
}

/** GET a JSON endpoint; connection errors (the server busy replaying) count as "not yet" until `child` exits. */
async function getJson(url) {
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  } catch (error) {
    return { status: 0, body: { waitingFor: ["offsets topic replay"], error: String(error) } };
  }
}

/** The peer fields of a kommitted figure in `npm run bench`'s table: its Kafka client alone, when measured. */
const floorFigure = (value) => (value === undefined ? {} : { peer: value, peerName: "its Kafka client alone (client-floor.mjs)" });

/**
 * Runs client-floor.mjs (kommitted's offsets reader and admin client, nothing done with what they return) until it has
 * replayed the offsets topic and listed every partition once, then `steadyLoad` against it; stops it with SIGTERM.
 */
async function clientFloor(brokers, steadyLoad) {
  const script = fileURLToPath(new URL("./client-floor.mjs", import.meta.url));
  const started = Date.now();
  const floor = spawn(process.execPath, [script, brokers, "bench-offsets", "bench-topic-", String(TOPICS), String(PARTITIONS_PER_TOPIC)], { stdio: ["ignore", "ignore", "pipe"] });
  try {
    let stderr = "";
    await new Promise((resolve, reject) => {
      floor.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (/^ready$/m.test(stderr)) resolve();
      });
      floor.once("exit", (code) => reject(new Error(`client-floor.mjs exited with ${code}: ${stderr}`)));
    });
    const readyMs = Date.now() - started;
    const load = await steadyLoad(floor.pid);
    if (floor.exitCode !== null) throw new Error(`client-floor.mjs exited during the load: ${stderr}`);
    floor.kill("SIGTERM");
    const code = await new Promise((resolve) => floor.once("exit", (c) => resolve(c)));
    if (code !== 0) throw new Error(`client-floor.mjs exited with ${code}: ${stderr}`);
    const warnings = stderr.match(/^warning: .*$/gm) ?? [];
    if (warnings.length > 0) console.log(`client-floor.mjs: ${warnings.length} polls with partitions that failed to list, e.g. ${warnings[0]}`);
    return { ...load, readyMs };
  } finally {
    if (floor.exitCode === null) floor.kill("SIGKILL");
  }
}

async function main() {
  decodeBench();
  console.log(`starting Kafka; ${GROUPS} groups over ${PARTITIONS} partitions (${TOPICS} topics x ${PARTITIONS_PER_TOPIC}), prefill ${PREFILL} records, then ${RATE} commits/s for ${DURATION_S} s`);
  const cluster = await startKafka({ nodes: 1 });
  let child;
  try {
    const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: [cluster.bootstrapServers], logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await admin.connect();
    await ensureTopic(admin, "bench-offsets", 50);
    for (let t = 0; t < TOPICS; t++) await ensureTopic(admin, topicName(t), PARTITIONS_PER_TOPIC);
    await admin.disconnect();

    const producer = await producerFor(cluster.bootstrapServers, { lingerMs: 20, queueMessages: 1_000_000 });
    producer.on("event.error", (error) => console.error(`producer: ${error.message}`));
    const offsets = new Float64Array(GROUPS * PER_GROUP);
    const partitionOf = (g) => g % 50; // a group's records share a partition, as in __consumer_offsets
    for (let g = 0; g < GROUPS; g++) {
      const r = groupRecord(g);
      producer.produce("bench-offsets", partitionOf(g), Buffer.from(r.value), Buffer.from(r.key));
    }
    /** Produces commit number `i` of a sequence (groups in turn, each group's partitions in turn), committed at `ts`. */
    const produceCommit = (i, ts) => {
      const g = i % GROUPS;
      const n = Math.floor(i / GROUPS) % PER_GROUP;
      const r = commitRecord(g, n, ++offsets[g * PER_GROUP + n], ts);
      producer.produce("bench-offsets", partitionOf(g), Buffer.from(r.value), Buffer.from(r.key));
    };
    let produced = GROUPS;
    const now = Date.now();
    for (let i = 0; produced < PREFILL; i++, produced++) produceCommit(i, now);
    await flush(producer);
    const check = new KafkaJS.Kafka({ kafkaJS: { brokers: [cluster.bootstrapServers], logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await check.connect();
    const written = (await check.fetchTopicOffsets("bench-offsets")).reduce((sum, p) => sum + Number(p.high), 0);
    await check.disconnect();
    if (written !== produced) throw new Error(`bench-offsets holds ${written} records, ${produced} were produced`);

    /**
     * RATE commits a second for DURATION_S, spread over every group partition, while sampling the CPU and RSS of process
     * `pid` each second; `onSecond(second)` may start something (a scrape) whose promise ends up in `pending`.
     */
    let i = 0;
    const steadyLoad = async (pid, onSecond) => {
      const samples = [];
      const pending = [];
      const loadStart = Date.now();
      let last = usage(pid);
      for (let second = 0; second < DURATION_S; second++) {
        const tick = Date.now();
        const started = onSecond?.(second);
        if (started) pending.push(started);
        const ts = Date.now();
        for (let k = 0; k < RATE; k++, i++) produceCommit(i, ts);
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
        const now2 = usage(pid);
        samples.push({ cpu: (now2.cpu - last.cpu) / ((Date.now() - tick) / 1000), rss: now2.rss });
        last = now2;
      }
      await flush(producer);
      const steady = samples.slice(Math.min(5, Math.floor(samples.length / 3)));
      const avgCpu = steady.reduce((s, x) => s + x.cpu, 0) / steady.length;
      return { avgCpu, maxRss: Math.max(...samples.map((x) => x.rss)), loadSeconds: (Date.now() - loadStart) / 1000, pending };
    };

    const started = Date.now();
    const nodeFlags = (process.env.KMTD_BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
    if (nodeFlags.length > 0) console.log(`kommitted runs with node ${nodeFlags.join(" ")}`);
    child = spawn(process.execPath, [...nodeFlags, CLI, "--brokers", cluster.bootstrapServers, "--offsets-topic", "bench-offsets", "--host", "127.0.0.1", "--port", "0", "--poll-interval", "1s", "--history-ready-at", "0.025", ...(process.env.KMTD_BENCH_CHILD_LOG ? ["-vv"] : [])], {
      stdio: ["ignore", process.env.KMTD_BENCH_CHILD_LOG ? openSync(process.env.KMTD_BENCH_CHILD_LOG, "w") : "ignore", "pipe"],
    });
    let stderr = "";
    const port = await new Promise((resolve, reject) => {
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
        const m = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.once("exit", (code) => reject(new Error(`kommitted exited with ${code}: ${stderr}`)));
    });
    child.once("exit", (code, signal) => {
      if (code !== 0) console.error(`kommitted exited early with ${code ?? signal}:\n${stderr.slice(-5000)}`);
    });
    const base = `http://127.0.0.1:${port}`;
    let ready;
    let replayMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error("kommitted exited before becoming ready");
      ready = await getJson(`${base}/readyz`);
      // the source is chosen first (connect, then whether the topic is readable): until then the replay has not begun
      const waiting = ready.body.waitingFor;
      if (replayMs === undefined && !waiting.includes("source") && !waiting.includes("offsets topic replay")) replayMs = Date.now() - started;
      if (ready.status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const readyMs = Date.now() - started;
    const afterReady = usage(child.pid);
    console.log(`start to ready: ${readyMs} ms (replay of ${produced} records + ${ready.body.polls.needed} polls of ${PARTITIONS} partitions); RSS ${afterReady.rss.toFixed(0)} MB, CPU ${afterReady.cpu.toFixed(1)} s so far`);
    console.log(`offsets topic replayed in ${replayMs} ms from process start (includes Node start and connecting): >= ${Math.round(produced / (replayMs / 1000)).toLocaleString("en")} records/s consumed + decoded + applied, Kafka on the same 2 cores`);

    const load = await steadyLoad(child.pid, (second) => {
      if (SCRAPE_S > 0 && second >= 7 && (second - 7) % SCRAPE_S === 0) return scrape(`${base}/metrics`);
    });
    const { avgCpu, maxRss, loadSeconds } = load;
    const scraped = await Promise.all(load.pending);
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const mbOf = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * KIB_TO_MB;
    const threads = new RegExp("Threads:\\s+(\\d+)").exec(status)?.[1];
    // as the process runs now (after a relaunch, if any): its Node flags and malloc arenas
    const childArgv = readFileSync(`/proc/${child.pid}/cmdline`, "utf8").split("\0");
    const childFlags = childArgv.slice(1, childArgv.findIndex((arg, i) => i > 0 && !arg.startsWith("-")));
    const childArenas = /(?:^|\0)MALLOC_ARENA_MAX=([^\0]*)/.exec(readFileSync(`/proc/${child.pid}/environ`, "utf8"))?.[1] ?? "unset";
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const groupsTotal = /kmtd_consumer_groups_total\{[^}]*\} (\d+)/.exec(metrics)?.[1];
    const tracked = /kmtd_tracked_partitions\{[^}]*\} (\d+)/.exec(metrics)?.[1];
    const records = /kmtd_offsets_reader_records\{[^}]*\} (\d+)/.exec(metrics)?.[1];
    const pollMs = /kmtd_poll_list_offsets_milliseconds\{[^}]*\} (\d+)/.exec(metrics)?.[1];
    const heapMb = Number(/kmtd_nodejs_heap_size_used_bytes (\d+)/.exec(metrics)?.[1] ?? 0) / 1e6;
    const externalMb = Number(/kmtd_nodejs_external_memory_bytes (\d+)/.exec(metrics)?.[1] ?? 0) / 1e6;
    console.log(`under ${RATE} commits/s for ${loadSeconds.toFixed(0)} s: CPU ${(avgCpu * 100).toFixed(1)} % of a core (steady state), RSS max ${maxRss.toFixed(0)} MB (JS heap used ${heapMb.toFixed(0)} MB, external ${externalMb.toFixed(0)} MB; the rest is Node itself and librdkafka's clients)`);
    for (const x of scraped) console.log(`scrape of /metrics during the load: ${x.ms} ms, ${x.lines.toLocaleString("en")} lines, ${(x.bytes / 1e6).toFixed(1)} MB of text (${x.encoding ?? "not compressed"}, ${(x.wire / 1e6).toFixed(1)} MB on the wire)`);
    console.log(`tracking ${groupsTotal} groups, ${tracked} partitions; ${records} offsets records read; last batched list-offsets of all partitions: ${pollMs} ms`);

    const stopAt = Date.now();
    child.kill("SIGTERM");
    const code = await new Promise((resolve) => child.once("exit", (c) => resolve(c)));
    console.log(`SIGTERM: exit code ${code} after ${Date.now() - stopAt} ms`);
    const spaces = [...metrics.matchAll(/kmtd_nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\d+)/g)].filter((m) => Number(m[2]) >= 1e6).map((m) => `${m[1]} ${(Number(m[2]) / 1e6).toFixed(0)}`);
    console.log(`memory at the end of the load: resident ${mbOf("VmRSS").toFixed(0)} MB = anonymous ${mbOf("RssAnon").toFixed(0)} MB (V8 heap spaces ${spaces.join(", ")} MB; the rest librdkafka's buffers and malloc arenas) + file-backed ${mbOf("RssFile").toFixed(0)} MB (the node binary and libraries); ${threads} threads; Node ${process.version} ${childFlags.join(" ") || "(no flags)"}, MALLOC_ARENA_MAX ${childArenas}`);
    const floor = FLOOR ? await clientFloor(cluster.bootstrapServers, steadyLoad) : undefined;
    if (floor) console.log(`its Kafka client alone (client-floor.mjs: kommitted's own offsets reader and admin client, records dropped undecoded, no model, no scrapes), same load, same broker, after it: CPU ${(floor.avgCpu * 100).toFixed(1)} % of a core (steady state), RSS max ${floor.maxRss.toFixed(0)} MB, ready (replay + first listing) in ${(floor.readyMs / 1000).toFixed(1)} s`);
    // the targets (#14), and the figures measured before this round of work on the same bench
    const dash = "-";
    const rows = [
      ["RSS, max under load", `${maxRss.toFixed(0)} MB`, floor ? `${floor.maxRss.toFixed(0)} MB` : dash, "150 MB", maxRss / 150, "297 MB"],
      ["CPU under load (steady state)", `${(avgCpu * 100).toFixed(1)} %`, floor ? `${(floor.avgCpu * 100).toFixed(1)} %` : dash, "20 %", (avgCpu * 100) / 20, "42 %"],
      ["start to ready", `${(readyMs / 1000).toFixed(1)} s`, dash, "5.9 s", readyMs / 1000 / 5.9, "5.9 s"],
    ];
    console.log(`\n| ${GROUPS} groups, ${PARTITIONS} partitions, ${RATE} commits/s | kommitted | its Kafka client alone, same run | target | ratio to target | before (issue #14) |\n|---|---|---|---|---|---|`);
    for (const [what, ours, client, target, ratio, before] of rows) console.log(`| ${what} | ${ours} | ${client} | ${target} | ${ratio.toFixed(2)}x | ${before} |`);
    const workload = `${GROUPS} groups, ${PARTITIONS} partitions, ${RATE} commits/s`; // for `npm run bench`'s table (MB of 10^6 bytes, as here)
    (await import("../../../scripts/bench-results.mjs")).record("kommitted", { rss: { ours: maxRss, ...floorFigure(floor?.maxRss), workload }, cpu: { ours: avgCpu * 100, ...floorFigure(floor && floor.avgCpu * 100), workload }, ready: { ours: readyMs / 1000, workload } });
    producer.disconnect();
    child = undefined;
  } finally {
    if (child) child.kill("SIGKILL");
    await cluster.stop();
  }
}

runBench(main);
