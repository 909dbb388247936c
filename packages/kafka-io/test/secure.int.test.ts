/**
 * The three tools on a real secure cluster (issue 16's proof): one SASL_SSL Kafka from the harness for the whole file,
 * with PLAIN and SCRAM-SHA-512 users and its own CA. Each of ksunami, kommitted and `konsumer-offsets tail` works with
 * `--config-file` (PLAIN and SCRAM-SHA-512), with `-c` flags in either separator, and with environment variables
 * only; a wrong password, a CA that did not sign the broker and a mechanism the broker does not enable each end with
 * exit 1 within the connect timeout, in one line that names the cause.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCertificateAuthority, startKafka, type KafkaCluster, type SaslMechanism, type SecureAccess } from "@kafkesc/kafka-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOOLS, buildTools, recordsIn as countRecords, run, unique } from "./tools.js";

const PASSWORD = "alice-secret";
/** The connect timeout given to the failure runs, and the margin allowed for starting and stopping a Node process. */
const CONNECT_TIMEOUT_S = 10;
const PROCESS_MARGIN_MS = 5_000;

let cluster: KafkaCluster;
let secure: SecureAccess;
let scratch: string;

/** Records in `topic`, read over the PLAINTEXT set-up listener. */
const recordsIn = (topic: string) => countRecords(cluster.bootstrapServers, topic);

beforeAll(async () => {
  buildTools();
  scratch = mkdtempSync(join(tmpdir(), "kafkesc-secure-tools-"));
  cluster = await startKafka({ security: { users: { admin: "admin-secret", alice: PASSWORD } } });
  secure = cluster.secure as SecureAccess;
}, 300_000);

afterAll(async () => {
  await cluster?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A client.properties for alice over `mechanism`, with the brokers in it. */
const propertiesFile = (mechanism: SaslMechanism, name: string) => secure.writeProperties(join(scratch, `${name}.properties`), secure.clientConfig("alice", mechanism));

/** `-c` flags for alice over `mechanism`, each `KEY<separator>VALUE`, the brokers among them. */
const configFlags = (mechanism: SaslMechanism, separator: "=" | ":") =>
  Object.entries(secure.clientConfig("alice", mechanism)).flatMap(([key, value]) => ["-c", `${key}${separator}${value}`]);

describe.each(TOOLS)("$name on a SASL_SSL cluster", (tool) => {
  const [file = "", ...sub] = tool.command;

  /** Runs the tool on a fresh topic (created for ksunami) with `settings` flags and `env`, and checks it worked. */
  const succeeds = async (settings: string[], env: NodeJS.ProcessEnv = {}) => {
    const topic = unique(tool.name);
    if (tool.name === "ksunami") await cluster.createTopic(topic);
    const result = await run(file, [...sub, ...tool.args(topic), ...settings], env, tool.until);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (tool.name === "ksunami") expect(await recordsIn(topic)).toBeGreaterThan(0);
  };

  it("works with --config-file, PLAIN", () => succeeds(["--config-file", propertiesFile("PLAIN", `${tool.name}-plain`)]));

  it("works with --config-file, SCRAM-SHA-512 (the harness's own client.properties)", () => succeeds(["--config-file", secure.clientPropertiesPath]));

  it("works with -c KEY=VALUE flags (PLAIN) and with -c KEY:VALUE flags (SCRAM-SHA-512)", async () => {
    await succeeds(configFlags("PLAIN", "="));
    await succeeds(configFlags("SCRAM-SHA-512", ":"));
  });

  it("works with environment variables only (the brokers among the settings)", () => {
    const settings = Object.entries(secure.clientConfig("alice", "SCRAM-SHA-512"));
    return succeeds([], { [`${tool.env}CONFIG`]: settings.map(([key, value], i) => `${key}${i % 2 === 0 ? "=" : ":"}${value}`).join("\n") });
  });

  it("works with environment variables only (the brokers in their own variable)", () => {
    const settings = Object.entries(secure.clientConfig("alice", "PLAIN")).filter(([key]) => key !== "bootstrap.servers");
    return succeeds([], {
      [`${tool.env}BROKERS`]: secure.bootstrapServers,
      [`${tool.env}CONFIG`]: settings.map(([key, value]) => `${key}=${value}`).join("\n"),
    });
  });

  /** Runs the tool with `overrides` on alice's settings and a 10 s connect timeout; checks exit 1, the bound, one line matching `cause`. */
  const failsWith = async (mechanism: SaslMechanism, overrides: Record<string, string>, cause: RegExp) => {
    const settings = { ...secure.clientConfig("alice", mechanism), ...overrides };
    const flags = Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`]);
    const result = await run(file, [...sub, ...tool.args(unique("refused")), ...flags, "--connect-timeout", `${CONNECT_TIMEOUT_S}s`]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.ms).toBeLessThan(CONNECT_TIMEOUT_S * 1000 + PROCESS_MARGIN_MS);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const errors = result.stderr.split("\n").filter((line) => line.startsWith(`${tool.name}: error`));
    expect(errors, result.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(cause);
  };

  it("a wrong password ends with exit 1 within the connect timeout, naming the mechanism and the broker", async () => {
    await failsWith("PLAIN", { "sasl.password": "not-her-password" }, new RegExp(`error \\[AUTHENTICATION_FAILED\\]: authentication with PLAIN failed at ${secure.bootstrapServers}`));
    await failsWith("SCRAM-SHA-512", { "sasl.password": "not-her-password" }, /error \[AUTHENTICATION_FAILED\]: authentication with SCRAM-SHA-512 failed/);
  });

  it("a CA that did not sign the broker ends with exit 1 within the connect timeout, naming the CA file", async () => {
    const other = await createCertificateAuthority(join(scratch, `${tool.name}-other-ca`), "other-ca");
    await failsWith("SCRAM-SHA-512", { "ssl.ca.location": other.certPath }, new RegExp(`error \\[TLS_FAILED\\]: TLS handshake with ${secure.bootstrapServers} failed \\(trusting the CA in ${other.certPath.replace(/[.]/g, "\\.")}\\)`));
  });

  it("a mechanism the broker does not enable ends with exit 1 within the connect timeout, naming the mechanism", () =>
    failsWith("SCRAM-SHA-512", { "sasl.mechanism": "SCRAM-SHA-256" }, /error \[SASL_MECHANISM_UNSUPPORTED\]: SASL mechanism SCRAM-SHA-256 is not enabled at .*PLAIN,SCRAM-SHA-512/));
});
