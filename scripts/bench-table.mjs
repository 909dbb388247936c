// The summary table that `npm run bench` (scripts/bench.mjs) prints at its end: one row per headline figure, with the
// peer's figure from the same run where one is measured, the ratio, issue #14's target and whether it is met.
// The targets live here, once; each package's benchmark only records what it measured (scripts/bench-results.mjs).
// Pure functions (rows in, text out), tested by test/bench-table.test.ts.

/**
 * The rows of the table, in order. `id` is the key a package's bench records its figure under; `unit` says how values
 * print; `peer` names the peer measured in the same run; `target` is issue #14's: `of` the ratio ours/peer or our own
 * figure, compared with `op` to `value` (`text` prints instead of the generated wording); `workload`, when given, is
 * the only one the target applies to (a figure of a smaller run is shown, not judged).
 */
const KOMMITTED_LOAD = "1000 groups, 10000 partitions, 10000 commits/s";
export const TARGETS = [
  { package: "bytes-parser", id: "mix", what: "reads/s, realistic mix of Kafka primitives, read and dropped (median)", unit: "rate", peer: "hand-inlined DataView" },
  { package: "bytes-parser", id: "mix-npm", what: "reads/s, the same mix, against the faster npm byte buffer", unit: "rate", peer: "bytebuffer / smart-buffer" },
  { package: "bytes-parser", id: "used", what: "strings read, then used as Map keys (a consumer's use), per second", unit: "rate", peer: "hand-inlined DataView" },
  {
    package: "konsumer-offsets",
    id: "decode-mix",
    what: "decode, busy-cluster corpus (95 % commits, 5 % group metadata), records per CPU-second",
    unit: "rate",
    peer: "Rust konsumer_offsets 0.3.2",
    target: { of: "ratio", op: ">=", value: 1 },
  },
  { package: "konsumer-offsets", id: "decode-commits", what: "decode, offset commits only, records per CPU-second", unit: "rate", peer: "Rust konsumer_offsets 0.3.2" },
  { package: "konsumer-offsets", id: "decode-groups", what: "decode, group metadata only, records per CPU-second", unit: "rate", peer: "Rust konsumer_offsets 0.3.2" },
  { package: "konsumer-offsets-cli", id: "tail-decode", what: "tail: read + decode offset commits from a broker, in-process, records per CPU-second", unit: "rate" },
  { package: "konsumer-offsets-cli", id: "tail-json", what: "`konsumer-offsets tail --format json` end to end, offset commits, records per CPU-second", unit: "rate" },
  {
    package: "ksunami",
    id: "produce-rate",
    what: "records in the topic / wall time, best round",
    unit: "rate",
    peer: "Kafka ProducerPerformance",
    target: { of: "ratio", op: ">=", value: 0.9 },
  },
  { package: "ksunami", id: "uncounted", what: "records not counted (produced - delivered - failed, delivered - in the topic), all rounds", unit: "count", target: { of: "ours", op: "==", value: 0 } },
  { package: "ksunami", id: "rss", what: "peak RSS: our worst round, the peer's leanest", unit: "MB", peer: "Kafka ProducerPerformance", target: { of: "ours", op: "<", value: 300 } },
  { package: "ksunami", id: "mock-rate", what: "steady rate on librdkafka's mock cluster (median second)", unit: "rate" },
  { package: "kommitted", id: "rss", what: "RSS, max under load", unit: "MB", workload: KOMMITTED_LOAD, target: { of: "ours", op: "<=", value: 150 } },
  { package: "kommitted", id: "cpu", what: "CPU under load, steady state", unit: "% of a core", workload: KOMMITTED_LOAD, target: { of: "ours", op: "<=", value: 20 } },
  {
    package: "kommitted",
    id: "ready",
    what: "start to ready (replay + warm history)",
    unit: "s",
    workload: KOMMITTED_LOAD,
    target: { of: "ours", op: "<=", value: 5.9, text: "<= 5.9 s (before #14)" },
  },
];

const DASH = "-";

/** A value in its unit: rates as k/s or M/s, sizes and times rounded. */
export function formatValue(value, unit) {
  if (value === undefined || value === null || !Number.isFinite(value)) return DASH;
  switch (unit) {
    case "rate":
      if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M/s`;
      if (value >= 1e4) return `${(value / 1e3).toFixed(0)} k/s`;
      if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k/s`;
      return `${value.toFixed(0)} /s`;
    case "MB":
    case "MiB":
      return `${value.toFixed(0)} ${unit}`;
    case "% of a core":
      return `${value.toFixed(1)} %`;
    case "s":
      return `${value.toFixed(1)} s`;
    default:
      return Math.round(value).toLocaleString("en-US");
  }
}

/** The target's wording: ">= 0.90x the peer", "< 300 MiB", "== 0". */
export function formatTarget(target, unit) {
  if (target === undefined) return DASH;
  if (target.text !== undefined) return target.text;
  if (target.of === "ratio") return `${target.op} ${target.value.toFixed(2)}x`;
  return `${target.op} ${formatValue(target.value, unit)}`;
}

/** Whether `value` satisfies `op value`. */
export function meets(value, op, bound) {
  switch (op) {
    case ">=":
      return value >= bound;
    case ">":
      return value > bound;
    case "<=":
      return value <= bound;
    case "<":
      return value < bound;
    case "==":
      return value === bound;
    default:
      throw new Error(`unknown comparison ${op}`);
  }
}

/** An exit code as "exit 1", a signal as its name. */
const exitText = (code) => (typeof code === "number" ? `exit ${code}` : code);

/**
 * One table row from a target and its package's run: `run` is { state: "ran", exitCode, result } (result: what the
 * bench recorded in this run, or undefined), { state: "skipped" } (left out by --only / --skip), or undefined (no
 * figures at all: `--table` with no results on disk).
 * Returns the cells: bench, what, ours, peer, ratio, target, result.
 */
export function rowCells(spec, run) {
  const cells = { bench: spec.package, what: spec.what, ours: DASH, peer: DASH, ratio: DASH, target: formatTarget(spec.target, spec.unit), result: DASH };
  if (run === undefined) return { ...cells, ours: "not run", result: "not run" };
  if (run.state === "skipped") return { ...cells, ours: "skipped", result: "skipped" };
  if (run.exitCode !== 0) return { ...cells, ours: "bench failed", result: `bench failed (${exitText(run.exitCode)})` };
  const figure = run.result?.figures?.[spec.id];
  if (figure === undefined || figure.ours === undefined || figure.ours === null) return { ...cells, ours: "missing", result: "missing" };
  const note = [figure.workload, figure.note].filter(Boolean).join("; ");
  const ratio = figure.ratio ?? (figure.peer ? figure.ours / figure.peer : undefined);
  const peerName = figure.peerName ?? spec.peer;
  cells.what = note ? `${spec.what} (${note})` : spec.what;
  cells.ours = formatValue(figure.ours, spec.unit);
  if (figure.peer !== undefined && figure.peer !== null) cells.peer = `${formatValue(figure.peer, spec.unit)}${peerName ? ` ${peerName}` : ""}`;
  else if (spec.peer !== undefined) cells.peer = `not measured (${spec.peer})`;
  if (ratio !== undefined && Number.isFinite(ratio)) cells.ratio = `${ratio.toFixed(2)}x`;
  if (spec.target !== undefined) {
    const value = spec.target.of === "ratio" ? ratio : figure.ours;
    if (spec.workload !== undefined && figure.workload !== spec.workload) cells.result = "not judged: other workload";
    else if (value === undefined || !Number.isFinite(value)) cells.result = "no peer figure";
    else cells.result = meets(value, spec.target.op, spec.target.value) ? "met" : "NOT MET";
  }
  return cells;
}

/** Figures a bench recorded that no target describes (a new figure, or an id misspelt), as extra rows. */
function extraCells(targets, runs) {
  const rows = [];
  for (const [pkg, run] of Object.entries(runs)) {
    if (run?.state !== "ran" || run.exitCode !== 0) continue;
    for (const [id, figure] of Object.entries(run.result?.figures ?? {})) {
      if (targets.some((t) => t.package === pkg && t.id === id)) continue;
      rows.push({ bench: pkg, what: `${id}${figure.note ? ` (${figure.note})` : ""}`, ours: formatValue(figure.ours, "number"), peer: DASH, ratio: DASH, target: DASH, result: "no target defined" });
    }
  }
  return rows;
}

/** Escapes a cell for a Markdown table. */
const cell = (text) => String(text).replaceAll("|", "\\|");

/**
 * The table as Markdown (padded so it reads in a terminal too): a row per target whose package is in `runs` (keyed
 * by package name), then any figure without a target. Packages absent from `runs` are left out entirely.
 */
export function formatTable(runs, targets = TARGETS) {
  const rows = [...targets.filter((spec) => spec.package in runs).map((spec) => rowCells(spec, runs[spec.package])), ...extraCells(targets, runs)];
  const header = { bench: "bench", what: "what", ours: "ours", peer: "peer, same run", ratio: "ratio", target: "target (#14)", result: "result" };
  const columns = Object.keys(header);
  const widths = columns.map((c) => Math.max(...[header, ...rows].map((r) => cell(r[c]).length)));
  const line = (r) => `| ${columns.map((c, i) => cell(r[c]).padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** One line per package: how its run went, when, and the load on the machine then. */
export function formatRuns(runs) {
  return Object.entries(runs)
    .map(([pkg, run]) => {
      if (run === undefined) return `${pkg}: not run`;
      if (run.state === "skipped") return `${pkg}: skipped`;
      const took = run.seconds === undefined ? "" : `, ${run.seconds.toFixed(0)} s`;
      const r = run.result;
      const env = r ? `; recorded ${r.time}, Node ${r.node}, ${r.cores} cores, load average ${r.loadavg.map((l) => l.toFixed(1)).join(" ")}` : "; no figures recorded";
      return `${pkg}: ${exitText(run.exitCode)}${took}${env}`;
    })
    .join("\n");
}
