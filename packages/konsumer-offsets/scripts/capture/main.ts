/**
 * `npm run capture-fixtures -w packages/konsumer-offsets -- --version 4.4.0`: starts a real Kafka of that version
 * with the harness, runs every workload it supports (classic groups with several assignors and static membership, a
 * Java classic member, KIP-848 consumer groups and regex subscriptions, share and streams groups, transactional
 * commits, deletions), then reads ALL of `__consumer_offsets` raw with read_uncommitted and writes
 * `packages/konsumer-offsets/test/fixtures/real/<version>/records.jsonl` and `manifest.json`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { DEFAULT_KAFKA_VERSION, startKafka } from "@kafkesc/kafka-harness";
// The raw reader only: the capture must not depend on the decoder it is meant to test.
import { readTopic } from "@kafkesc/kafka-io";
import { JavaTools } from "./java-tools.js";
import { countRecordTypes, noExpectations } from "./manifest.js";
import type { CaptureManifest, CapturedRecord, ScenarioReport } from "./manifest.js";
import { SCENARIOS, namePrefix } from "./scenarios.js";
import type { CaptureContext } from "./scenarios.js";

/** Where fixtures go: `packages/konsumer-offsets/test/fixtures/real/<version>`. */
const FIXTURES_ROOT = fileURLToPath(new URL("../../../test/fixtures/real/", import.meta.url));

const { values } = parseArgs({
  options: {
    version: { type: "string", default: DEFAULT_KAFKA_VERSION },
    out: { type: "string" },
    only: { type: "string", multiple: true },
  },
});
const version = values.version;
const outDir = values.out ?? join(FIXTURES_ROOT, version);
const log = (message: string) => process.stderr.write(`${message}\n`);

const release = version.split(".").map(Number);
const cluster = await startKafka({ version });
try {
  const context: CaptureContext = {
    cluster,
    brokers: cluster.bootstrapServers,
    release: [release[0] ?? 0, release[1] ?? 0],
    tools: new JavaTools(cluster),
    suffix: randomBytes(3).toString("hex"),
    log,
  };
  log(`Kafka ${version} up at ${cluster.bootstrapServers}; run suffix ${context.suffix}`);

  const reports: ScenarioReport[] = [];
  for (const scenario of SCENARIOS) {
    if (values.only && !values.only.includes(scenario.name)) continue;
    const report: ScenarioReport = {
      name: scenario.name,
      description: scenario.description,
      groups: [namePrefix(scenario, context)],
      status: "captured",
      records: 0,
      expectations: noExpectations(),
    };
    const reason = scenario.unsupported?.(context);
    if (reason !== undefined) {
      log(`- ${scenario.name}: skipped (${reason})`);
      reports.push({ ...report, status: "skipped", reason });
      continue;
    }
    const started = Date.now();
    try {
      report.expectations = await scenario.run(context);
      log(`- ${scenario.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      report.status = "failed";
      report.reason = error instanceof Error ? error.message : String(error);
      log(`- ${scenario.name}: FAILED: ${report.reason}`);
    }
    reports.push(report);
  }

  // Let the coordinators write what follows the last leaves and deletions.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const records = await readAllRecords(cluster.bootstrapServers, reports, context.suffix);
  for (const report of reports) report.records = records.filter((record) => record.scenario === report.name).length;

  const manifest: CaptureManifest = {
    kafkaVersion: version,
    capturedAt: new Date().toISOString(),
    librdkafkaVersion: RdKafka.librdkafkaVersion,
    isolation: "read_uncommitted",
    records: records.length,
    recordTypes: countRecordTypes(records),
    scenarios: reports,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "records.jsonl"), records.map((record) => JSON.stringify(record)).join("\n") + "\n");
  writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`${records.length} records written to ${outDir}`);
  log(`record types: ${JSON.stringify(manifest.recordTypes)}`);
  if (reports.some((report) => report.status === "failed")) process.exitCode = 1;
} finally {
  await cluster.stop();
}

/** Every record of `__consumer_offsets` (read_uncommitted, to the end), attributed to the workload whose names it holds. */
async function readAllRecords(brokers: string, reports: readonly ScenarioReport[], suffix: string): Promise<CapturedRecord[]> {
  const prefixes = reports.map((report) => ({ name: report.name, needle: Buffer.from(`kfx-${report.name}-${suffix}`) }));
  const records: CapturedRecord[] = [];
  await readTopic(
    {
      brokers,
      topic: "__consumer_offsets",
      from: "beginning",
      isolation: "read_uncommitted",
      connectTimeoutMs: 10_000,
      stopAtEnd: true,
    },
    (batch) => {
      for (const raw of batch) {
        if (raw.key === null) continue;
        const key = raw.key;
        const owner = prefixes.find((prefix) => key.includes(prefix.needle));
        records.push({
          partition: raw.partition,
          offset: raw.offset,
          key: key.toString("hex"),
          value: raw.value === null ? null : raw.value.toString("hex"),
          scenario: owner?.name ?? "other",
        });
      }
    },
    AbortSignal.timeout(120_000),
  );
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
