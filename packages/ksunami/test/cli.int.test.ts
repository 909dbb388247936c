/**
 * The built `ksunami` command against the shared broker: a signal stops a run, flushes and prints the summary, and
 * the exit code says whether every record was delivered. (Flags, environment and bad input are in
 * `command-line.test.ts`; exit codes of failures shared with the other tools in kafka-io's `cli-settings.int.test.ts`.)
 */
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTopic } from "@kafkesc/kafka-io";
import { beforeAll, expect, inject, test } from "vitest";
import { uniqueTopic } from "./support/kafka.js";

const brokers = inject("kafkaBootstrap");
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

beforeAll(() => {
  execFileSync("npx", ["tsc", "-b", packageDir], { stdio: "inherit" });
}, 240_000);

test("SIGTERM stops generating, flushes, prints the summary, exit 0 when all were delivered", async () => {
  const topic = uniqueTopic("sigterm");
  await createTopic({ "bootstrap.servers": brokers }, topic, { partitions: 2 });
  const child = spawn(process.execPath, [cli, "-b", brokers, "-t", topic, "--min", "500", "--max", "500", "-p", "bytes:100"], { env: { PATH: process.env.PATH } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  // Wait for the first status line (the run is producing), then a bit more.
  await Promise.race([new Promise<void>((resolve) => child.stderr.on("data", () => stderr.includes('"status"') && resolve())), exited]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.kill("SIGTERM");
  const code = await exited;
  expect(code, `exit after SIGTERM; stderr:\n${stderr}`).toBe(0);
  expect(stderr).toContain("SIGTERM: stopping");
  // Off a terminal, a status log line per second; then the summary with produced = delivered + failed.
  expect(stderr).toMatch(/"status":\{"phase":"min"/);
  const summary = /produced ([\d,]+) = delivered ([\d,]+) \+ failed 0/.exec(stderr);
  expect(summary, stderr).not.toBeNull();
  expect(summary![1]).toBe(summary![2]);
  expect(Number(summary![1]!.replace(/,/g, ""))).toBeGreaterThan(500);
}, 90_000);
