/**
 * The conventions kafka-io gives the three CLIs, end to end on the built commands: client settings from
 * `--config-file`, from `-c` in either form, or from environment variables alone, against the shared broker; and the
 * failures that need no secure broker: an unreachable cluster ends with exit 1 within `--connect-timeout`, a setting
 * librdkafka rejects (a typo) with exit 2 before connecting, each as one line without a stack trace.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createTopic } from "../src/admin.js";

const brokers = inject("kafkaBootstrap");
const root = fileURLToPath(new URL("../../..", import.meta.url));
const bin = (pkg: string) => join(root, "packages", pkg, "dist", "cli.js");
const unique = (name: string) => `kio-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** What one run of a command did. */
interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs `node BIN ARGS` with only `env` (and PATH) in its environment; `until` may stop it (SIGTERM) once its stderr shows something. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}, until?: (stderr: string) => Promise<boolean> | boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    let asked = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (until !== undefined && !asked) {
        void Promise.resolve(until(stderr)).then((stop) => {
          if (stop && !asked) {
            asked = true;
            child.kill("SIGTERM");
          }
        });
      }
    });
    // a command that hangs fails the test instead of the run
    const guard = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, stderr, stdout });
    });
  });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Records in a topic (sum of its partitions' high watermarks). */
async function recordsIn(topic: string): Promise<number> {
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

/** The three tools: how to run each one briefly (`args`: everything but the client settings), and its env prefix. */
const TOOLS = [
  {
    name: "ksunami",
    env: "KSUNAMI_",
    args: (topic: string) => ["-t", topic, "--min", "20", "--max", "20", "--duration", "2", "-q"],
    until: undefined,
  },
  {
    name: "kommitted",
    env: "KOMMITTED_",
    args: () => ["--port", "0", "--host", "127.0.0.1", "--poll-interval", "200ms", "--history", "2", "--history-ready-at", "0.5"],
    /** Stopped once /readyz says ready: the offsets topic was read and polled through the settings. */
    until: async (stderr: string) => {
      const port = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr)?.[1];
      if (port === undefined) return false;
      for (let i = 0; i < 200; i++) {
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
        if (ready) return true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return true;
    },
  },
  {
    name: "konsumer-offsets",
    env: "KONSUMER_OFFSETS_",
    args: () => ["--exit-at-end", "--timeout", "60s"],
    until: undefined,
  },
] as const;

const command = (tool: (typeof TOOLS)[number]) => (tool.name === "konsumer-offsets" ? [bin("konsumer-offsets-cli"), "tail"] : [bin(tool.name)]);

beforeAll(() => {
  execFileSync("npx", ["tsc", "-b", "packages/ksunami", "packages/kommitted", "packages/konsumer-offsets-cli"], { cwd: root, stdio: "inherit" });
}, 300_000);

describe.each(TOOLS)("$name", (tool) => {
  const [file, ...sub] = command(tool);
  const dir = mkdtempSync(join(tmpdir(), "kafka-io-"));
  const properties = join(dir, "client.properties");
  // A Kafka client.properties: comments, the three separators, a continued line, brokers from the file.
  writeFileSync(properties, `# the shared test broker\nbootstrap.servers=${brokers}\nsecurity.protocol : PLAINTEXT\nclient.rack r1\nsocket.keepalive.enable=\\\n  true\n`);

  const succeeds = async (result: Run, topic: string) => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (tool.name === "ksunami") expect(await recordsIn(topic)).toBeGreaterThan(0);
  };

  it("works with --config-file (brokers from the file) and -c in both forms over it", async () => {
    const topic = unique(tool.name);
    if (tool.name === "ksunami") await createTopic({ "bootstrap.servers": brokers }, topic);
    const result = await run(file as string, [...sub, ...tool.args(topic), "--config-file", properties, "-c", "client.rack=r2", "-c", "connections.max.idle.ms:60000"], {}, tool.until);
    await succeeds(result, topic);
  });

  it("works with environment variables only", async () => {
    const topic = unique(tool.name);
    if (tool.name === "ksunami") await createTopic({ "bootstrap.servers": brokers }, topic);
    const env = { [`${tool.env}CONFIG_FILE`]: properties, [`${tool.env}CONFIG`]: "client.rack=r3\nconnections.max.idle.ms:60000" };
    const result = await run(file as string, [...sub, ...tool.args(topic)], env, tool.until);
    await succeeds(result, topic);
  });

  it("ends with exit 1 within --connect-timeout when no broker answers: one line naming the brokers", async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const result = await run(file as string, [...sub, ...tool.args(unique("unreachable")), "-b", address, "--connect-timeout", "2s"]);
    const waited = Date.now() - started;
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${tool.name}: error [BROKERS_UNREACHABLE]: cannot reach Kafka at ${address} within 2 s (last error: `);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // librdkafka's "connection refused", reported every second or so, is logged once with a count at most
    expect(result.stderr.split("\n").filter((line) => line.includes("Connection refused")).length).toBeLessThanOrEqual(3);
    // bounded: the timeout plus the start and stop of a Node process and a librdkafka client
    expect(waited).toBeLessThan(20_000);
  });

  it("ends with exit 1 at once, naming TLS and the broker, when TLS is spoken to a plaintext listener", async () => {
    const result = await run(file as string, [...sub, ...tool.args(unique("tls")), "-b", brokers, "-c", "security.protocol=SSL", "--connect-timeout", "60s"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${tool.name}: error [TLS_FAILED]: TLS handshake with ${brokers} failed (trusting the system's CA certificates): `);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("ends with exit 1 at once, naming SASL and the mechanism, when SASL is spoken to a plaintext listener", async () => {
    const sasl = ["-c", "security.protocol=SASL_PLAINTEXT", "-c", "sasl.mechanism=PLAIN", "-c", "sasl.username=alice", "-c", "sasl.password=wrong"];
    const result = await run(file as string, [...sub, ...tool.args(unique("sasl")), "-b", brokers, ...sasl, "--connect-timeout", "60s"]);
    expect(result.code, result.stderr).toBe(1);
    // a PLAINTEXT listener answers the SASL handshake with "not valid in current SASL state" and no mechanism
    expect(result.stderr).toContain(`${tool.name}: error [SASL_MECHANISM_UNSUPPORTED]: SASL mechanism PLAIN is not enabled at ${brokers}: `);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("ends with exit 2 before connecting on a setting librdkafka does not know (a typo): one line, no stack", async () => {
    const result = await run(file as string, [...sub, ...tool.args(unique("typo")), "-b", "127.0.0.1:1", "-c", "security.protcol:SASL_SSL"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(new RegExp(`^${tool.name}: error \\[INVALID_CLIENT_SETTING\\]: -c/--config: security\\.protcol: No such configuration property: "security\\.protcol"[^\\n]*$`));
  });

  it("ends with exit 2 before connecting on a value librdkafka rejects, from the environment", async () => {
    const result = await run(file as string, [...sub, ...tool.args(unique("bad-value")), "-b", "127.0.0.1:1"], { [`${tool.env}CONFIG`]: "socket.timeout.ms=soon" });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(new RegExp(`^${tool.name}: error \\[INVALID_CLIENT_SETTING\\]: ${tool.env}CONFIG: socket\\.timeout\\.ms: Invalid value for configuration property "socket\\.timeout\\.ms"$`));
  });
});
