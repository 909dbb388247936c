/**
 * The summary table of `npm run bench` (scripts/bench-table.mjs): figures recorded by the benches in, Markdown out,
 * with each target met or not, and benches that failed, were skipped or recorded nothing shown as such.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { TARGETS, formatRuns, formatTable, formatValue, rowCells, type BenchResult, type BenchRun, type TargetSpec } from "../scripts/bench-table.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

const SPECS: TargetSpec[] = [
  { package: "decoder", id: "decode", what: "records per CPU-second", unit: "rate", peer: "Rust crate", target: { of: "ratio", op: ">=", value: 1 } },
  { package: "decoder", id: "groups", what: "group metadata", unit: "rate", peer: "Rust crate" },
  { package: "monitor", id: "rss", what: "RSS under load", unit: "MB", target: { of: "ours", op: "<=", value: 150 } },
  { package: "monitor", id: "ready", what: "start to ready", unit: "s", target: { of: "ours", op: "<=", value: 5.9, text: "<= 5.9 s (before)" } },
];

const result = (figures: BenchResult["figures"]): BenchResult => ({
  package: "x",
  run: "run-1",
  time: "2026-12-07T03:00:00.000Z",
  node: "v20.19.0",
  cores: 2,
  cpuModel: "test cpu",
  loadavg: [1.25, 2, 3],
  figures,
});
const ran = (figures: BenchResult["figures"], exitCode = 0): BenchRun => ({ state: "ran", exitCode, seconds: 12, result: result(figures) });

/** The table's body rows as arrays of trimmed cells. */
const cellsOf = (table: string) =>
  table
    .split("\n")
    .slice(2)
    .map((line) => line.slice(1, -1).split(" | ").map((c) => c.trim()));

describe("npm run bench's summary table", () => {
  test("prints ours, the peer, the ratio and whether each target is met", () => {
    const table = formatTable(
      {
        decoder: ran({ decode: { ours: 1_200_000, peer: 1_000_000 }, groups: { ours: 30_000, peer: 40_000 } }),
        monitor: ran({ rss: { ours: 180, note: "1,000 groups" }, ready: { ours: 4.2 } }),
      },
      SPECS,
    );
    expect(cellsOf(table)).toEqual([
      ["decoder", "records per CPU-second", "1.20 M/s", "1.00 M/s Rust crate", "1.20x", ">= 1.00x", "met"],
      ["decoder", "group metadata", "30 k/s", "40 k/s Rust crate", "0.75x", "-", "-"],
      ["monitor", "RSS under load (1,000 groups)", "180 MB", "-", "-", "<= 150 MB", "NOT MET"],
      ["monitor", "start to ready", "4.2 s", "-", "-", "<= 5.9 s (before)", "met"],
    ]);
    const [header, rule] = table.split("\n");
    expect(header).toMatch(/^\| bench +\| what +\| ours +\| peer, same run +\| ratio +\| target \(#14\) +\| result +\|$/);
    expect(rule).toMatch(/^\|(-+\|){7}$/);
    expect(new Set(table.split("\n").map((line) => line.length)).size).toBe(1); // padded: every line as wide
  });

  test("uses the ratio a bench computed itself (median of rounds) over ours / peer", () => {
    const cells = rowCells(SPECS[0]!, ran({ decode: { ours: 0.5e6, peer: 0.6e6, ratio: 1.02 } }));
    expect(cells.ratio).toBe("1.02x");
    expect(cells.result).toBe("met");
  });

  test("a target for one workload does not judge a figure of another", () => {
    const spec: TargetSpec = { ...SPECS[2]!, workload: "1000 groups" };
    expect(rowCells(spec, ran({ rss: { ours: 90, workload: "50 groups" } }))).toMatchObject({ what: "RSS under load (50 groups)", ours: "90 MB", result: "not judged: other workload" });
    expect(rowCells(spec, ran({ rss: { ours: 90, workload: "1000 groups", note: "steady" } }))).toMatchObject({ what: "RSS under load (1000 groups; steady)", result: "met" });
  });

  test("a ratio target without the peer's figure is not judged", () => {
    const cells = rowCells(SPECS[0]!, ran({ decode: { ours: 0.5e6 } }));
    expect(cells).toMatchObject({ ours: "500 k/s", peer: "not measured (Rust crate)", ratio: "-", result: "no peer figure" });
  });

  test("a failed bench, a skipped one and a missing figure never show a number", () => {
    const table = formatTable({ decoder: ran({ decode: { ours: 2e6, peer: 1e6 } }, 1), monitor: ran({ rss: { ours: 100 } }) }, SPECS);
    expect(cellsOf(table)).toEqual([
      ["decoder", "records per CPU-second", "bench failed", "-", "-", ">= 1.00x", "bench failed (exit 1)"],
      ["decoder", "group metadata", "bench failed", "-", "-", "-", "bench failed (exit 1)"],
      ["monitor", "RSS under load", "100 MB", "-", "-", "<= 150 MB", "met"],
      ["monitor", "start to ready", "missing", "-", "-", "<= 5.9 s (before)", "missing"],
    ]);
    const skipped = cellsOf(formatTable({ decoder: { state: "skipped" }, monitor: { state: "ran", exitCode: 0 } }, SPECS));
    expect(skipped.map((row) => [row[0], row[2], row[6]])).toEqual([
      ["decoder", "skipped", "skipped"],
      ["decoder", "skipped", "skipped"],
      ["monitor", "missing", "missing"],
      ["monitor", "missing", "missing"],
    ]);
    const notRun = cellsOf(formatTable({ decoder: undefined }, SPECS)); // --table with no figures on disk
    expect(notRun.map((row) => row[6])).toEqual(["not run", "not run"]);
  });

  test("leaves out packages not in the run, and shows figures no target describes", () => {
    const rows = cellsOf(formatTable({ monitor: ran({ rss: { ours: 140 }, ready: { ours: 7 }, "heap-used": { ours: 61 } }) }, SPECS));
    expect(rows.map((row) => [row[0], row[1], row[6]])).toEqual([
      ["monitor", "RSS under load", "met"],
      ["monitor", "start to ready", "NOT MET"],
      ["monitor", "heap-used", "no target defined"],
    ]);
  });

  test("escapes | in cells so the Markdown table keeps its columns", () => {
    const spec: TargetSpec = { package: "p", id: "a", what: "a | b", unit: "count" };
    const [row] = formatTable({ p: ran({ a: { ours: 3 } }) }, [spec]).split("\n").slice(2);
    expect(row).toContain("a \\| b");
  });

  test("formats each unit", () => {
    expect([formatValue(2_345_678, "rate"), formatValue(236_400, "rate"), formatValue(3_250, "rate"), formatValue(12, "rate")]).toEqual(["2.35 M/s", "236 k/s", "3.3 k/s", "12 /s"]);
    expect([formatValue(149.6, "MB"), formatValue(18.44, "% of a core"), formatValue(5.94, "s"), formatValue(12345, "count")]).toEqual(["150 MB", "18.4 %", "5.9 s", "12,345"]);
    expect([formatValue(undefined, "rate"), formatValue(Number.NaN, "s")]).toEqual(["-", "-"]);
  });

  test("lists how each bench ran, when, and the machine's load then", () => {
    const text = formatRuns({
      decoder: ran({}),
      monitor: { state: "skipped" },
      other: { state: "ran", exitCode: 1, seconds: 3 },
      stopped: { state: "ran", exitCode: "SIGINT", seconds: 8 },
      last: undefined,
    });
    expect(text.split("\n")).toEqual([
      "decoder: exit 0, 12 s; recorded 2026-12-07T03:00:00.000Z, Node v20.19.0, 2 cores, load average 1.3 2.0 3.0",
      "monitor: skipped",
      "other: exit 1, 3 s; no figures recorded",
      "stopped: SIGINT, 8 s; no figures recorded",
      "last: not run",
    ]);
  });

  test("issue #14's targets: each row belongs to a workspace with a bench, and the issue's thresholds", () => {
    const manifest = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { workspaces: string[] };
    const withBench = manifest.workspaces
      .map((dir) => JSON.parse(readFileSync(`${root}/${dir}/package.json`, "utf8")) as { name: string; scripts?: Record<string, string> })
      .filter((m) => m.scripts?.["bench"] !== undefined)
      .map((m) => m.name.replace("@kafkesc/", ""));
    for (const spec of TARGETS) expect(withBench).toContain(spec.package);
    const target = (pkg: string, id: string) => TARGETS.find((t) => t.package === pkg && t.id === id)?.target;
    expect(target("konsumer-offsets", "decode-mix")).toMatchObject({ of: "ratio", op: ">=", value: 1 });
    expect(target("ksunami", "produce-rate")).toMatchObject({ of: "ratio", op: ">=", value: 0.9 });
    expect(target("ksunami", "uncounted")).toMatchObject({ of: "ours", op: "==", value: 0 });
    expect(target("ksunami", "rss")).toMatchObject({ of: "ours", op: "<", value: 300 });
    expect(target("kommitted", "rss")).toMatchObject({ of: "ours", op: "<=", value: 150 });
    expect(target("kommitted", "cpu")).toMatchObject({ of: "ours", op: "<=", value: 20 });
  });
});
