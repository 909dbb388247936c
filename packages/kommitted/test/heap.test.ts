import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { capYoungGeneration, preferSmallHeap } from "../src/heap.js";

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
  // heap.ts as plain JavaScript, so that a fresh Node process (a fresh V8 heap) can run it
  const heapJs = ts.transpileModule(readFileSync(new URL("../src/heap.ts", import.meta.url), "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, "heap.mjs"), heapJs);

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
