/**
 * Running the three built commands in end-to-end tests: a spawned command with only the given environment, the table
 * of how to run each tool briefly, a port nothing listens on, and counting what ksunami produced.
 */
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const bin = (pkg: string) => join(root, "packages", pkg, "dist", "cli.js");

/** A unique topic or group name. */
export const unique = (name: string): string => `kio-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Builds the three commands (tests run what users run: `dist/cli.js`). */
export function buildTools(): void {
  execFileSync("npx", ["tsc", "-b", "packages/ksunami", "packages/kommitted", "packages/konsumer-offsets-cli"], { cwd: root, stdio: "inherit" });
}

/** What one run of a command did, and how long it took. */
export interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/** Runs `node FILE ARGS` with only `env` (and PATH) in its environment; `until` may stop it (SIGTERM) once its stderr shows something. */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}, until?: (stderr: string) => Promise<boolean> | boolean): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    let asked = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (until === undefined || asked) return;
      void Promise.resolve(until(stderr)).then((stop) => {
        if (stop && !asked) {
          asked = true;
          child.kill("SIGTERM");
        }
      });
    });
    const guard = setTimeout(() => child.kill("SIGKILL"), 90_000); // a command that hangs fails the test, not the run
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, stderr, stdout, ms: Date.now() - started });
    });
  });
}

/** The three tools: how to run each briefly (`args`: everything but the client settings), and its env prefix. */
export const TOOLS = [
  {
    name: "ksunami",
    command: [bin("ksunami")],
    env: "KSUNAMI_",
    args: (topic: string) => ["-t", topic, "--min", "20", "--max", "20", "--duration", "2", "-q"],
    until: undefined,
  },
  {
    name: "kommitted",
    command: [bin("kommitted")],
    env: "KOMMITTED_",
    args: () => ["--port", "0", "--host", "127.0.0.1", "--poll-interval", "200ms", "--history", "2", "--history-ready-at", "0.5"],
    /** Stopped once /readyz says ready: the offsets topic was read and polled through the settings. */
    until: async (stderr: string) => {
      const port = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr)?.[1];
      if (port === undefined) return false;
      for (let i = 0; i < 200; i++) {
        if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return true;
    },
  },
  {
    name: "konsumer-offsets",
    command: [bin("konsumer-offsets-cli"), "tail"],
    env: "KONSUMER_OFFSETS_",
    args: () => ["--exit-at-end", "--timeout", "60s"],
    until: undefined,
  },
] as const;

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Records in `topic` (its partition 0's high watermark), read through `brokers` (a PLAINTEXT listener). */
export async function recordsIn(brokers: string, topic: string): Promise<number> {
  const consumer = new RdKafka.KafkaConsumer({ "bootstrap.servers": brokers, "group.id": unique("count") }, {});
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 20_000 }, (error) => (error ? reject(error) : resolve())));
  try {
    const marks = await new Promise<RdKafka.WatermarkOffsets>((resolve, reject) =>
      consumer.queryWatermarkOffsets(topic, 0, 10_000, (error, offsets) => (error ? reject(error) : resolve(offsets))),
    );
    return marks.highOffset;
  } finally {
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
}
