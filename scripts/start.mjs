#!/usr/bin/env node
// The main job: kommitted, the consumer-lag monitor, serving Prometheus metrics and its REST API.
//
//   npm start                               # no brokers: start a local Kafka, a demo workload, then kommitted
//   npm start -- --brokers HOST:PORT [...]  # kommitted against your cluster; every other flag goes to kommitted
//
// With no --brokers, the repo starts a single-node Kafka 4.4.0 of its own (real jars from Maven Central, see kafka/),
// ksunami produces a wave to the topic `kafkesc-demo`, a consumer group `kafkesc-demo-readers` reads it more slowly
// than the wave's peak (so lag rises and falls), and the group's lag is printed every few seconds, as kommitted
// serves it at http://127.0.0.1:6564. Ctrl-C stops everything within a few seconds and deletes the local cluster.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (pkg) => fileURLToPath(new URL(`../packages/${pkg}/dist/cli.js`, import.meta.url));
const args = process.argv.slice(2);
const children = [];

/** Runs a workspace CLI as a child process whose output goes to this terminal. */
function run(pkg, argv, stdio = "inherit") {
  const child = spawn(process.execPath, [bin(pkg), ...argv], { cwd: root, stdio });
  children.push(child);
  return child;
}

/** Brokers given on the command line or in KOMMITTED_BROKERS: kommitted alone, flags passed through. */
function userBrokers() {
  return args.some((a) => a === "-b" || a === "--brokers" || a.startsWith("--brokers=")) || process.env.KOMMITTED_BROKERS;
}

if (userBrokers()) {
  const kommitted = run("kommitted", args);
  kommitted.on("exit", (code) => process.exit(code ?? 1));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => kommitted.kill(signal));
} else {
  await demo();
}

/** Local Kafka + ksunami wave + a slow consumer group + kommitted, with the group's lag printed as it moves. */
async function demo() {
  const { startKafka } = await import("../kafka/dist/index.js");
  console.log("start: starting a local single-node Kafka 4.4.0 (jars are fetched once, then cached)…");
  const cluster = await startKafka({ nodes: 1 });
  const brokers = cluster.bootstrapServers;
  console.log(`start: Kafka is up at ${brokers}`);
  const topic = "kafkesc-demo";
  const group = "kafkesc-demo-readers";
  await cluster.createTopic(topic, { partitions: 3 });

  let stopping = false;
  /** Stops everything within a few seconds: the children (SIGKILL past 3 s), then the cluster. */
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstart: stopping…");
    await Promise.all(children.map((child) => ended(child, 3000)));
    await cluster.stop();
    process.exit();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  // A wave from 20 to 400 records/s; the readers take at most ~200 records/s, so lag builds at the peak.
  run("ksunami", ["-b", brokers, "-t", topic, "-k", "alpha:8", "-p", "alpha:100", "--min", "20", "--min-sec", "20",
    "--up", "ease-in-out", "--up-sec", "10", "--max", "400", "--max-sec", "20", "--down", "linear", "--down-sec", "10", "--flush-timeout", "2", "-q"]);
  children.push(spawn(process.execPath, [fileURLToPath(new URL("demo-readers.mjs", import.meta.url)), brokers, topic, group], { cwd: root, stdio: "inherit" }));

  const port = 6564;
  const kommitted = run("kommitted", ["--brokers", brokers, "--host", "127.0.0.1", "--port", String(port), "--poll-interval", "1s", "-q", ...args]);
  kommitted.on("exit", (code) => {
    if (stopping) return;
    console.error(`start: kommitted exited with code ${code}`);
    process.exitCode = 1;
    void stop();
  });
  console.log(`start: kommitted's web page: http://127.0.0.1:${port}/ (and /ui/groups/${group}); also /metrics, /groups, /groups/${group}, /topics, /healthz, /readyz`);
  console.log("start: Ctrl-C stops everything\n");
  while (!stopping) {
    await sleep(5000);
    if (stopping) break;
    const line = await fetch(`http://127.0.0.1:${port}/groups/${group}`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    if (line) {
      const lagMs = line.maxTimeLagMs === null ? "n/a" : `${line.maxTimeLagMs} ms`;
      console.log(`${new Date().toISOString()} ${group}: status ${line.status}, offset lag ${line.totalOffsetLag}, time lag ${lagMs}, ${line.members.length} member(s)`);
    } else if (!stopping) {
      console.log(`${new Date().toISOString()} waiting for kommitted to see ${group}…`);
    }
  }
}

/** Resolves once `child` has exited: SIGTERM now, SIGKILL after `graceMs`. */
function ended(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
