/**
 * The conventions kafka-io gives the three CLIs, end to end on the built commands: client settings from
 * `--config-file`, from `-c` in either form, or from environment variables alone, against the shared broker; and the
 * failures that need no secure broker: an unreachable cluster ends with exit 1 within `--connect-timeout`, a setting
 * librdkafka rejects (a typo) with exit 2 before connecting, each as one line without a stack trace.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createTopic } from "../src/admin.js";
import type { Run } from "./tools.js";
import { TOOLS, buildTools, closedPort, recordsIn, run, unique } from "./tools.js";

const brokers = inject("kafkaBootstrap");

beforeAll(buildTools, 300_000);

describe.each(TOOLS)("$name", (tool) => {
  const [file = "", ...sub] = tool.command;
  const dir = mkdtempSync(join(tmpdir(), "kafka-io-"));
  const properties = join(dir, "client.properties");
  // A Kafka client.properties: comments, the three separators, a continued line, brokers from the file.
  writeFileSync(properties, `# the shared test broker\nbootstrap.servers=${brokers}\nsecurity.protocol : PLAINTEXT\nclient.rack r1\nsocket.keepalive.enable=\\\n  true\n`);

  const succeeds = async (result: Run, topic: string) => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (tool.name === "ksunami") expect(await recordsIn(brokers, topic)).toBeGreaterThan(0);
  };

  it("works with --config-file (brokers from the file) and -c in both forms over it", async () => {
    const topic = unique(tool.name);
    if (tool.name === "ksunami") await createTopic({ "bootstrap.servers": brokers }, topic);
    const result = await run(file, [...sub, ...tool.args(topic), "--config-file", properties, "-c", "client.rack=r2", "-c", "connections.max.idle.ms:60000"], {}, tool.until);
    await succeeds(result, topic);
  });

  it("works with environment variables only", async () => {
    const topic = unique(tool.name);
    if (tool.name === "ksunami") await createTopic({ "bootstrap.servers": brokers }, topic);
    const env = { [`${tool.env}CONFIG_FILE`]: properties, [`${tool.env}CONFIG`]: "client.rack=r3\nconnections.max.idle.ms:60000" };
    const result = await run(file, [...sub, ...tool.args(topic)], env, tool.until);
    await succeeds(result, topic);
  });

  it("ends with exit 1 within --connect-timeout when no broker answers: one line naming the brokers", async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const result = await run(file, [...sub, ...tool.args(unique("unreachable")), "-b", address, "--connect-timeout", "2s"]);
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
    const result = await run(file, [...sub, ...tool.args(unique("tls")), "-b", brokers, "-c", "security.protocol=SSL", "--connect-timeout", "60s"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${tool.name}: error [TLS_FAILED]: TLS handshake with ${brokers} failed (trusting the system's CA certificates): `);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("ends with exit 1 at once, naming SASL and the mechanism, when SASL is spoken to a plaintext listener", async () => {
    const sasl = ["-c", "security.protocol=SASL_PLAINTEXT", "-c", "sasl.mechanism=PLAIN", "-c", "sasl.username=alice", "-c", "sasl.password=wrong"];
    const result = await run(file, [...sub, ...tool.args(unique("sasl")), "-b", brokers, ...sasl, "--connect-timeout", "60s"]);
    expect(result.code, result.stderr).toBe(1);
    // a PLAINTEXT listener answers the SASL handshake with "not valid in current SASL state" and no mechanism
    expect(result.stderr).toContain(`${tool.name}: error [SASL_MECHANISM_UNSUPPORTED]: SASL mechanism PLAIN is not enabled at ${brokers}: `);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("ends with exit 2 before connecting on a setting librdkafka does not know (a typo): one line, no stack", async () => {
    const result = await run(file, [...sub, ...tool.args(unique("typo")), "-b", "127.0.0.1:1", "-c", "security.protcol:SASL_SSL"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(new RegExp(`^${tool.name}: error \\[INVALID_CLIENT_SETTING\\]: -c/--config: security\\.protcol: No such configuration property: "security\\.protcol"[^\\n]*$`));
  });

  it("ends with exit 2 before connecting on a value librdkafka rejects, from the environment", async () => {
    const result = await run(file, [...sub, ...tool.args(unique("bad-value")), "-b", "127.0.0.1:1"], { [`${tool.env}CONFIG`]: "socket.timeout.ms=soon" });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(new RegExp(`^${tool.name}: error \\[INVALID_CLIENT_SETTING\\]: ${tool.env}CONFIG: socket\\.timeout\\.ms: Invalid value for configuration property "socket\\.timeout\\.ms"$`));
  });
});
