import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { MALLOC_ARENAS, YOUNG_SEMI_SPACE_MB, capYoungGeneration, collectOldGenerationSooner, missingRuntimeSettings, preferSmallHeap } from "../src/heap.js";

/** Writes heap.ts as plain JavaScript (`dir/heap.mjs`), so that a fresh Node process (a fresh V8 heap) can run it. */
function writeHeapModule(dir: string): void {
  const heapJs = ts.transpileModule(readFileSync(new URL("../src/heap.ts", import.meta.url), "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, "heap.mjs"), heapJs);
}

describe("preferSmallHeap", () => {
  it("sets kommitted's heap-growing factor by default", () => {
    expect(preferSmallHeap([])).toBe(true);
    expect(preferSmallHeap(["--enable-source-maps", "--max-old-space-size=512"])).toBe(true);
  });

  it("leaves V8's sizing alone when Node was started with a sizing flag of its own", () => {
    expect(preferSmallHeap(["--optimize-for-size"])).toBe(false);
    expect(preferSmallHeap(["--no-optimize-for-size"])).toBe(false);
    expect(preferSmallHeap(["--enable-source-maps", "--heap-growing-percent=50"])).toBe(false);
    expect(preferSmallHeap(["--heap_growing_percent=50"])).toBe(false);
  });
});

describe("capYoungGeneration", () => {
  const dir = mkdtempSync(join(tmpdir(), "kmtd-heap-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeHeapModule(dir);

  /** New-space size (MiB) in a fresh process after 200 rounds of allocation with survivors, capped at `semiSpaceMb` or not. */
  function youngGenerationAfterLoad(semiSpaceMb: number | null): number {
    const driver = `
      import { getHeapSpaceStatistics } from "node:v8";
      import { capYoungGeneration } from "./heap.mjs";
      if (${semiSpaceMb} !== null && !capYoungGeneration(${semiSpaceMb}, [], "")) throw new Error("not capped");
      const kept = [];
      for (let round = 0; round < 200; round++) {
        for (let i = 0; i < 10000; i++) {
          kept.push({ round, text: "record " + i });
          if (kept.length > 60000) kept.splice(0, 30000);
        }
        // a pause longer than the cap's 20 ms check after each 10,000 objects (about one scavenge's worth), as
        // kommitted yields after each batch: with 2 ms pauses, CI's faster machine allocated several semi-spaces
        // between two checks and the young generation doubled past the cap (16 MiB on Node 24): the cap is soft
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
      process.stdout.write(String(newSpace.space_size / 1048576));
    `;
    writeFileSync(join(dir, "driver.mjs"), driver);
    const run = spawnSync(process.execPath, [join(dir, "driver.mjs")], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    if (run.status !== 0) throw new Error(`driver failed: ${run.stderr}`);
    return Number(run.stdout);
  }

  it("keeps the semi-spaces at the cap under a load that grows them to V8's limit without it", () => {
    const uncapped = youngGenerationAfterLoad(null);
    const capped = youngGenerationAfterLoad(2);
    expect(uncapped).toBeGreaterThanOrEqual(16);
    // both semi-spaces of 2 MiB, or one doubling more if two happened between two of the cap's checks
    expect(capped).toBeGreaterThanOrEqual(4);
    expect(capped).toBeLessThanOrEqual(8);
  }, 60_000);

  it("leaves the young generation alone when the user sized it (command line or NODE_OPTIONS)", () => {
    expect(capYoungGeneration(8, ["--max-semi-space-size=4"], "")).toBe(false);
    expect(capYoungGeneration(8, ["--max_semi_space_size=4"], "")).toBe(false);
    expect(capYoungGeneration(8, [], "--enable-source-maps --max-semi-space-size=4")).toBe(false);
    expect(capYoungGeneration(8, [], "--semi-space-growth-factor=3")).toBe(false);
  });
});

describe("collectOldGenerationSooner", () => {
  const dir = mkdtempSync(join(tmpdir(), "kmtd-old-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeHeapModule(dir);

  /**
   * In a fresh process with kommitted's heap-growing factor, with or without the collector (a step of 2 MB): a live set
   * of 100,000 objects replaced 4,000 at a time (each lives long enough to be promoted, then dies, as the commits of a
   * busy cluster do). Returns the old generation's largest size in use once the set is full, and the live set at the
   * end (MB). The process runs without `--expose-gc`, as kommitted does, so the collector finds `gc` its own way.
   */
  function oldGenerationUnderLoad(collector: boolean): { liveMb: number; maxMb: number; collections: number | null } {
    const driver = `
      import { collectOldGenerationSooner, gcFunction, oldGenerationUsed, preferSmallHeap } from "./heap.mjs";
      preferSmallHeap([]);
      const collector = ${collector} ? collectOldGenerationSooner(2, []) : undefined;
      const live = new Array(100000);
      let max = 0;
      for (let round = 0; round < 160; round++) {
        for (let i = 0; i < 4000; i++) {
          const k = (round * 4000 + i) % live.length;
          live[k] = { round, i, text: "value " + k, pair: [round, i] };
        }
        if (round >= 40) max = Math.max(max, oldGenerationUsed());
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // the live set, after a full collection asked for as the collector asks (there is no global gc here)
      gcFunction()();
      process.stdout.write(JSON.stringify({ liveMb: oldGenerationUsed() / 1e6, maxMb: max / 1e6, collections: collector?.collections ?? null, kept: live.length }));
    `;
    writeFileSync(join(dir, "driver.mjs"), driver);
    const run = spawnSync(process.execPath, [join(dir, "driver.mjs")], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    if (run.status !== 0) throw new Error(`driver failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as { liveMb: number; maxMb: number; collections: number | null };
  }

  it("keeps the old generation near its live set, where V8 alone lets it grow by tens of MB", () => {
    const alone = oldGenerationUnderLoad(false);
    const sooner = oldGenerationUnderLoad(true);
    expect(sooner.collections).toBeGreaterThan(0);
    // measured here: a live set of 19-20 MB; 72-92 MB in use at most with V8 alone, 27-32 MB with the collector
    expect(sooner.maxMb).toBeLessThan(alone.maxMb - 16);
    expect(sooner.maxMb).toBeLessThan(2 * sooner.liveMb);
  }, 60_000);

  it("is off by default (step 0), and when Node was started with a sizing flag of its own", () => {
    expect(collectOldGenerationSooner(0, [])).toBeUndefined();
    expect(collectOldGenerationSooner(2, ["--optimize-for-size"])).toBeUndefined();
    expect(collectOldGenerationSooner(2, ["--heap_growing_percent=50"])).toBeUndefined();
  });
});

describe("missingRuntimeSettings", () => {
  const semiSpace = `--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`;
  const arenas = { MALLOC_ARENA_MAX: String(MALLOC_ARENAS) };

  it("asks for the young generation's size and glibc's arenas when neither is set", () => {
    expect(missingRuntimeSettings([], {}, "linux")).toEqual({ flags: [semiSpace], env: arenas });
    expect(missingRuntimeSettings(["--enable-source-maps"], { NODE_OPTIONS: "--max-old-space-size=512" }, "linux")).toEqual({ flags: [semiSpace], env: arenas });
  });

  it("keeps the user's own young-generation size and arenas, and asks for arenas on Linux only", () => {
    expect(missingRuntimeSettings(["--max-semi-space-size=16"], {}, "linux")).toEqual({ flags: [], env: arenas });
    expect(missingRuntimeSettings([], { NODE_OPTIONS: "--semi-space-growth-factor=3" }, "linux")).toEqual({ flags: [], env: arenas });
    expect(missingRuntimeSettings([], { MALLOC_ARENA_MAX: "8" }, "linux")).toEqual({ flags: [semiSpace], env: {} });
    expect(missingRuntimeSettings([], {}, "darwin")).toEqual({ flags: [semiSpace], env: {} });
  });

  it("finds nothing missing after a relaunch, so that a relaunch happens once", () => {
    expect(missingRuntimeSettings([semiSpace], arenas, "linux")).toBeUndefined();
  });
});

describe("relaunchWithRuntimeSettings", () => {
  const dir = mkdtempSync(join(tmpdir(), "kmtd-relaunch-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeHeapModule(dir);
  // prints its process id before the relaunch (stderr), and after it what the process then runs with (stdout)
  writeFileSync(
    join(dir, "command.mjs"),
    `import { relaunchWithRuntimeSettings } from "./heap.mjs";
     process.stderr.write(String(process.pid) + "\\n");
     relaunchWithRuntimeSettings();
     process.stdout.write(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, arenas: process.env.MALLOC_ARENA_MAX ?? null, args: process.argv.slice(2) }));`,
  );
  const run = (env: Record<string, string>) => {
    const { MALLOC_ARENA_MAX: _unset, ...inherited } = process.env;
    const result = spawnSync(process.execPath, ["--enable-source-maps", join(dir, "command.mjs"), "--brokers", "a b"], { encoding: "utf8", env: { ...inherited, NODE_OPTIONS: "", ...env } });
    if (result.status !== 0) throw new Error(`command failed: ${result.stderr}`);
    const started = result.stderr.trim().split("\n");
    return { started, ...(JSON.parse(result.stdout) as { pid: number; execArgv: string[]; arenas: string | null; args: string[] }) };
  };
  const hasExecve = typeof (process as unknown as { execve?: unknown }).execve === "function";

  it.runIf(hasExecve)("starts the command again in the same process, with the settings and the user's flags and arguments", () => {
    const after = run({});
    expect(after.started).toEqual([String(after.pid), String(after.pid)]); // one process, which ran the command twice
    expect(after.execArgv).toEqual([`--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`, "--enable-source-maps"]);
    expect(after.arenas).toBe(process.platform === "linux" ? String(MALLOC_ARENAS) : null);
    expect(after.args).toEqual(["--brokers", "a b"]);
  });

  it.runIf(hasExecve)("does not start again when the user set both", () => {
    const after = run({ MALLOC_ARENA_MAX: "4", NODE_OPTIONS: "--max-semi-space-size=2" });
    expect(after.started).toHaveLength(1);
    expect(after.execArgv).toEqual(["--enable-source-maps"]);
    expect(after.arenas).toBe("4");
  });

  it.skipIf(hasExecve)("runs on as started where Node has no process.execve (Node 20; capYoungGeneration's soft cap applies)", () => {
    const after = run({});
    expect(after.started).toEqual([String(after.pid)]);
    expect(after.execArgv).toEqual(["--enable-source-maps"]);
    expect(after.arenas).toBeNull();
  });
});
