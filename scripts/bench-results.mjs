// Where each package's benchmark leaves its headline figures for the table `npm run bench` prints at its end
// (scripts/bench.mjs, scripts/bench-table.mjs): one JSON file per package in bench/results/ at the repository's root
// (git-ignored), with when and where it was measured. A bench calls `record` once, after its measurements.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** bench/results/ at the repository's root. */
export const RESULTS_DIR = fileURLToPath(new URL("../bench/results/", import.meta.url));
/** Set by scripts/bench.mjs for the benches it starts, so that it reads only the figures of its own run. */
export const RUN_ENV = "KAFKESC_BENCH_RUN";

/** The results file of one package. */
export const resultsPath = (packageName) => join(RESULTS_DIR, `${packageName}.json`);

/**
 * Writes `figures` of `packageName`'s bench: an object of { id: { ours, peer?, ratio?, peerName?, workload?, note? } },
 * the ids those of scripts/bench-table.mjs's TARGETS; `ratio` when the bench computes ours/peer its own way (median of
 * rounds); `workload` the load measured, when a target holds for one load only.
 */
export function record(packageName, figures) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const cpu = cpus();
  const result = {
    package: packageName,
    run: process.env[RUN_ENV] ?? null,
    time: new Date().toISOString(),
    node: process.version,
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? "unknown",
    loadavg: loadavg(),
    figures,
  };
  const path = resultsPath(packageName);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  console.log(`\nheadline figures recorded in ${relative(process.cwd(), path)}`);
}

/** The recorded results of `packageName`, or undefined when there are none or they are not of `run` (when given). */
export function readResults(packageName, run) {
  try {
    const result = JSON.parse(readFileSync(resultsPath(packageName), "utf8"));
    return run === undefined || result.run === run ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes a package's results, so that a bench that fails leaves no figure of an earlier run behind. */
export const clearResults = (packageName) => rmSync(resultsPath(packageName), { force: true });
