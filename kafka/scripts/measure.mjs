// Measures the harness: jar fetch (cold: empty cache and empty Maven repository; warm Maven repository; cached)
// and cluster start/stop times, 1 and 3 nodes, for the pinned versions. Run after `npm run build`:
//   node kafka/scripts/measure.mjs [--runs N] [--no-fetch]
// Prints one line per figure. Starts real JVMs: takes a minute or two.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createBrokerKeystore, createCertificateAuthority, fetchKafka, PINNED_KAFKA_VERSIONS, startKafka } from "../dist/index.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, "no-fetch": { type: "boolean", default: false }, "secure-only": { type: "boolean", default: false } } });
const runs = Number(values.runs);
const ms = (t) => `${Math.round(performance.now() - t)} ms`;
const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms, min ${Math.round(sorted[0])} ms, max ${Math.round(sorted.at(-1))} ms (${xs.length} runs)`;
};

async function withEnv(env, fn) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`load average at start: ${load()}`);

if (!values["no-fetch"]) {
  for (const version of PINNED_KAFKA_VERSIONS) {
    const cache = mkdtempSync(join(tmpdir(), "kafkesc-measure-cache-"));
    const repo = mkdtempSync(join(tmpdir(), "kafkesc-measure-m2-"));
    try {
      let t = performance.now();
      await withEnv({ KAFKESC_KAFKA_CACHE: cache, KAFKESC_MAVEN_REPO: repo }, () => fetchKafka(version));
      console.log(`fetch ${version} cold (empty cache, empty Maven repository): ${ms(t)}`);
      rmSync(cache, { recursive: true, force: true });
      t = performance.now();
      await withEnv({ KAFKESC_KAFKA_CACHE: cache, KAFKESC_MAVEN_REPO: repo }, () => fetchKafka(version));
      console.log(`fetch ${version} warm Maven repository, empty cache: ${ms(t)}`);
      t = performance.now();
      await withEnv({ KAFKESC_KAFKA_CACHE: cache, KAFKESC_MAVEN_REPO: repo }, () => fetchKafka(version));
      console.log(`fetch ${version} cached: ${ms(t)}`);
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  }
}

for (const version of values["secure-only"] ? [] : PINNED_KAFKA_VERSIONS) {
  await fetchKafka(version);
  for (const nodes of [1, 3]) {
    const starts = [];
    const stops = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const cluster = await startKafka({ version, nodes });
      starts.push(performance.now() - t);
      t = performance.now();
      await cluster.stop();
      stops.push(performance.now() - t);
    }
    console.log(`start ${version} ${nodes} node(s) (format + launch + all brokers in metadata): ${stats(starts)}`);
    console.log(`stop ${version} ${nodes} node(s): ${stats(stops)}`);
  }
}
// Secure clusters: what the certificates cost, and the two ways of making SCRAM users. The harness stores them at
// storage format time (`kafka-storage format --add-scram`, KIP-900): no extra JVM. The alternative, Kafka's
// ConfigCommand against the running broker, costs one JVM per user, measured here on the same cluster.
for (const version of PINNED_KAFKA_VERSIONS) {
  const certificates = [];
  const plainStarts = [];
  const secureStarts = [];
  const configCommands = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), "kafkesc-measure-tls-"));
    let t = performance.now();
    await createBrokerKeystore(dir, await createCertificateAuthority(dir));
    certificates.push(performance.now() - t);
    rmSync(dir, { recursive: true, force: true });
    t = performance.now();
    await (await startKafka({ version })).stop();
    plainStarts.push(performance.now() - t);
    t = performance.now();
    const cluster = await startKafka({ version, security: {} });
    secureStarts.push(performance.now() - t);
    const configCommand = version.startsWith("3.") ? "kafka.admin.ConfigCommand" : "org.apache.kafka.tools.ConfigCommand";
    t = performance.now();
    const result = await cluster.runTool(configCommand, ["--bootstrap-server", cluster.bootstrapServers, "--alter", "--add-config", "SCRAM-SHA-512=[iterations=4096,password=bob-secret]", "--entity-type", "users", "--entity-name", "bob"]);
    configCommands.push(performance.now() - t);
    if (result.exitCode !== 0) throw new Error(`ConfigCommand failed: ${result.stderr}`);
    await cluster.stop();
  }
  console.log(`${version}: CA + broker certificate with openssl: ${stats(certificates)}`);
  console.log(`${version}: start, plain: ${stats(plainStarts)}`);
  console.log(`${version}: start, secure (certificates, SCRAM users at format time): ${stats(secureStarts)}`);
  console.log(`${version}: one SCRAM user with ConfigCommand after start (the alternative): ${stats(configCommands)}`);
}
console.log(`load average at end: ${load()}`);
