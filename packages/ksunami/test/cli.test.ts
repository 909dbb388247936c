/**
 * The `ksunami` command as users run it (`node dist/cli.js`, built first): exit codes, one-line errors,
 * `--plan`, and a signal that stops a run, flushes and prints the summary (against librdkafka's mock cluster).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const cli = join(packageDir, "dist", "cli.js");
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { PATH: process.env.PATH, ...env }, timeout: 60_000 });

beforeAll(() => {
  execFileSync(process.execPath, [join(packageDir, "../../node_modules/typescript/bin/tsc"), "-b", packageDir], { stdio: "inherit" });
}, 120_000);

describe("bad input: exit code 2, one clear line, nothing connects", () => {
  test.each([
    [["--min", "10", "--max", "5", "-b", "x:1", "-t", "t"], "ksunami: --min (10) must not be above --max (5)"],
    [["--min", "1", "--max", "5", "-b", "x:1", "-t", "t", "-k", "int:9-1"], "ksunami: --key: 'int:9-1' has MIN (9) above MAX (1)"],
    [["--min", "1", "--max", "5", "-b", "x:1", "-t", "t", "--up", "wobble"], "ksunami: --up: unknown transition 'wobble' (expected one of none, linear, ease-in, ease-out, ease-in-out, spike-in, spike-out, spike-in-out, or cubic-bezier(x1,y1,x2,y2))"],
    [["--min", "1", "--max", "5", "-b", "x:1", "-t", "t", "-c", "no.such.setting:1"], 'ksunami: --config no.such.setting:1: No such configuration property: "no.such.setting"'],
    [["--min", "1", "--max", "5", "-b", "x:1", "-t", "t", "-c", "acks:maybe"], 'ksunami: --config acks:maybe: Invalid value for configuration property "request.required.acks"'],
    [["--min", "1", "--max", "5", "-b", "x:1", "-t", "t", "--max-sec", "-3"], "ksunami: --max-sec: -3 is negative"],
    [["--min", "1", "--max", "5", "-b", "x:1", "-t", "t", "-p", "file:/no/such/file"], "ksunami: --payload: cannot read file '/no/such/file': ENOENT"],
    [["--bogus"], "ksunami: unknown option '--bogus'"],
  ])("%j", (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe("");
  });

  test("environment variables are validated the same way", () => {
    const result = run([], { KSUNAMI_BROKERS: "x:1", KSUNAMI_TOPIC: "t", KSUNAMI_MIN: "1", KSUNAMI_MAX: "ten" });
    expect([result.status, result.stderr]).toEqual([2, "ksunami: --max: 'ten' is not a number\n"]);
  });
});

test("-V, -h, --help", () => {
  expect(run(["-V"]).stdout).toBe("0.1.0\n");
  expect(run(["-h"]).stdout).toContain("Usage: ksunami [options]");
  expect(run(["--help"]).stdout).toContain("cubic-bezier(x1,y1,x2,y2)");
});

test("--plan prints the chart and the phases without connecting, and writes SVG", () => {
  const dir = mkdtempSync(join(tmpdir(), "ksunami-"));
  const svg = join(dir, "wave.svg");
  const result = run(["--plan", "--plan-svg", svg, "--min", "100", "--max", "1000", "--min-sec", "10", "--max-sec", "10", "--up-sec", "10", "--down", "linear", "--down-sec", "10", "-p", "bytes:100"]);
  expect(result.status).toBe(0);
  // 100 rec/s x 10 s + (100 + 1000) / 2 x 10 s + 1000 x 10 s + the same ramp down = 22,000 records, 100 bytes each.
  expect(result.stdout).toMatch(/cycle\s+40 s\s+550 avg\s+22,000\s+2\.1 MiB/);
  expect(result.stdout).toContain("█");
  expect(readFileSync(svg, "utf8")).toMatch(/^<svg [^]*<polyline [^]*<\/svg>\n$/);
  rmSync(dir, { recursive: true });
});

test("SIGTERM stops generating, flushes, prints the summary, exit 0 when all were delivered (mock cluster)", async () => {
  const child = spawn(process.execPath, [cli, "-b", "localhost:1", "-t", "topic", "-c", "test.mock.num.brokers:1", "--min", "500", "--max", "500", "-p", "bytes:100"], {
    env: { PATH: process.env.PATH },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // Wait for the first status line (the run is producing), then a bit more.
  for (let waited = 0; !stderr.includes('"status"') && waited < 40_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.kill("SIGTERM");
  const code = await new Promise<number | null | "running">((resolve) => {
    child.on("exit", resolve);
    setTimeout(() => resolve("running"), 30_000);
  });
  expect(code, `exit after SIGTERM; stderr:\n${stderr}`).toBe(0);
  expect(stderr).toContain("SIGTERM: stopping");
  // Off a terminal, a status log line per second; then the summary with produced = delivered + failed.
  expect(stderr).toMatch(/"status":\{"phase":"min"/);
  const summary = /produced ([\d,]+) = delivered ([\d,]+) \+ failed 0/.exec(stderr);
  expect(summary).not.toBeNull();
  expect(summary![1]).toBe(summary![2]);
  expect(Number(summary![1]!.replace(/,/g, ""))).toBeGreaterThan(500);
}, 90_000);
