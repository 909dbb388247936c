// `npm run bench`: builds, runs each workspace's benchmark in turn (its output streamed as it comes), then prints one
// table of the headline figures of this run (scripts/bench-table.mjs), also written to bench/results/table.md.
// A bench that failed or was skipped shows as such in the table, never with a figure of an earlier run; after Ctrl-C,
// the benches not run yet show as "not run".
//
// Usage: npm run bench [-- options]
//   --only a,b      run only these benches (package names with or without @kafkesc/, e.g. konsumer-offsets,ksunami)
//   --skip a,b      run every bench but these
//   --no-build      do not run `npm run build` first
//   --table         run nothing: print the table from the figures on disk (each bench's last run, dated below it)
//   --list          print the benches and exit
// Exit code: 1 when a bench failed (targets not met do not fail the run: they are figures), 2 for bad options.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULTS_DIR, RUN_ENV, clearResults, readResults } from "./bench-results.mjs";
import { formatRuns, formatTable } from "./bench-table.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The workspaces with a `bench` script, in the root manifest's order: { name (without @kafkesc/), dir }. */
function benches() {
  const { workspaces } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return workspaces
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.scripts?.bench !== undefined)
    .map(({ dir, manifest }) => ({ name: manifest.name.replace(/^@kafkesc\//, ""), dir }));
}

/** Parses the command line; exits 2 with a message for an unknown option or bench. */
function parseArgs(argv, all) {
  const options = { build: true, table: false, list: false, selected: all };
  const names = (text, option) => {
    const wanted = (text ?? "").split(",").map((n) => n.trim().replace(/^@kafkesc\//, "").replace(/^packages\//, "")).filter(Boolean);
    const unknown = wanted.filter((n) => !all.some((b) => b.name === n));
    if (wanted.length === 0 || unknown.length > 0) usage(`${option}: unknown bench ${unknown.join(", ") || "(none given)"}; benches: ${all.map((b) => b.name).join(", ")}`);
    return wanted;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--only") {
      const only = names(argv[++i], arg);
      options.selected = options.selected.filter((b) => only.includes(b.name));
    } else if (arg === "--skip") {
      const skip = names(argv[++i], arg);
      options.selected = options.selected.filter((b) => !skip.includes(b.name));
    }
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--table") options.table = true;
    else if (arg === "--list") options.list = true;
    else usage(`unknown option ${arg}`);
  }
  return options;
}

function usage(message) {
  console.error(`npm run bench: ${message}\nusage: npm run bench [-- --only a,b | --skip a,b] [--no-build] [--table] [--list]`);
  process.exit(2);
}

/** Runs `command args` with the output streamed; resolves to its exit code, or the signal that ended it (1 when it could not start). */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? signal ?? 1));
  });
}

const all = benches();
const options = parseArgs(process.argv.slice(2), all);
if (options.list) {
  for (const b of all) console.log(`${b.name.padEnd(22)} npm run bench -w ${b.dir}`);
  process.exit(0);
}

const runs = Object.fromEntries(all.map((b) => [b.name, { state: "skipped" }]));
let title;
if (options.table) {
  for (const b of options.selected) {
    const result = readResults(b.name);
    runs[b.name] = result === undefined ? undefined : { state: "ran", exitCode: 0, result };
  }
  title = "Figures on disk (each bench's last run: see the dates below the table)";
} else {
  const runId = `${new Date().toISOString()}-${process.pid}`;
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  title = `npm run bench, ${runId.slice(0, 16).replace("T", " ")} UTC: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), load average at the start ${load}`;
  if (options.build && (await run("npm", ["run", "build"])) !== 0) {
    console.error("npm run bench: the build failed");
    process.exit(1);
  }
  // Ctrl-C reaches the running bench too (same process group): let it stop, run no more, and print what was measured.
  let interrupted = false;
  process.on("SIGINT", () => (interrupted = true));
  for (const b of options.selected) {
    if (interrupted) {
      runs[b.name] = undefined;
      continue;
    }
    console.log(`\n=== ${b.name}: npm run bench -w ${b.dir}\n`);
    clearResults(b.name);
    const started = performance.now();
    const exitCode = await run("npm", ["run", "bench", "-w", b.dir], { [RUN_ENV]: runId });
    runs[b.name] = { state: "ran", exitCode, seconds: (performance.now() - started) / 1000, result: readResults(b.name, runId) };
  }
}

const table = formatTable(runs);
const text = `${title}\n\n${table}\n\n${formatRuns(runs)}\n`;
console.log(`\n${text}`);
if (!options.table) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, "table.md"), text);
  console.log(`(also in ${relative(process.cwd(), join(RESULTS_DIR, "table.md"))})`);
}
process.exit(Object.values(runs).some((r) => r.state === "ran" && r.exitCode !== 0) ? 1 : 0);
