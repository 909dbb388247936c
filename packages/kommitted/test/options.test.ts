import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSettingError, KafkescError } from "@kafkesc/kafka-io";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULTS, readyPolls } from "../src/config.js";
import { KommittedError } from "../src/errors.js";
import { parseArgs, parseDuration } from "../src/options.js";

function config(argv: string[]) {
  const outcome = parseArgs(argv);
  if (outcome.kind !== "run") throw new Error("expected a config");
  return outcome.config;
}

function flagError(argv: string[]): KafkescError {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof KafkescError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("kommitted flags", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("applies defaults", () => {
    const c = config(["--brokers", "localhost:9092"]);
    expect(c).toMatchObject({
      brokers: "localhost:9092",
      clientId: DEFAULTS.clientId,
      kafkaConfig: {},
      port: 6564,
      history: 120,
      historyReadyAt: 0.25,
      oldGenerationStepMb: 0,
      pollIntervalMs: 1000,
      lagMode: "auto",
      offsetsTopic: "__consumer_offsets",
      shareStateTopic: "__share_group_state",
      logLevel: "warn",
    });
    expect(readyPolls(c)).toBe(30);
  });

  it("parses every flag in the Rust kommitted's style", () => {
    const c = config([
      "-b", "k1:9092,k2:9092", "--client-id", "mon", "--kafka-conf", "security.protocol:SASL_SSL", "-c", "sasl.mechanism=PLAIN", "--connect-timeout", "5s",
      "--cluster-id", "prod", "--history", "100", "--history-ready-at", "0.5", "--old-generation-step", "2", "--host", "127.0.0.1", "--port", "0",
      "--poll-interval", "2s", "--lag-mode", "exact", "--offsets-topic", "dump", "--health-window", "4", "--stop-after", "1m", "-vv",
    ]);
    expect(c).toMatchObject({
      brokers: "k1:9092,k2:9092",
      clientId: "mon",
      kafkaConfig: { "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN" },
      connectTimeoutMs: 5000,
      clusterId: "prod",
      history: 100,
      historyReadyAt: 0.5,
      oldGenerationStepMb: 2,
      host: "127.0.0.1",
      port: 0,
      pollIntervalMs: 2000,
      lagMode: "exact",
      offsetsTopic: "dump",
      shareStateTopic: "__share_group_state",
      healthWindow: 4,
      stopAfterMs: 60_000,
      logLevel: "debug",
    });
    expect(readyPolls(c)).toBe(50);
    expect(config(["-b", "x:1", "-qq"]).logLevel).toBe("silent");
    expect(config(["-b", "x:1", "--log-level", "off"]).logLevel).toBe("silent");
    expect(config(["-b", "x:1", "--log-level", "debug"]).logLevel).toBe("debug");
    expect(config(["-b", "x:1"]).connectTimeoutMs).toBe(30_000);
  });

  it("reads client settings from --config-file, -c in either form over it, or the environment alone", () => {
    const file = join(mkdtempSync(join(tmpdir(), "kommitted-")), "client.properties");
    writeFileSync(file, "bootstrap.servers=file:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\" password=\"bob-secret\";\n");
    const expected = { "bootstrap.servers": "file:9093", "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "bob", "sasl.password": "bob-secret" };
    expect(config(["--config-file", file])).toMatchObject({ brokers: "file:9093", kafkaConfig: expected });
    expect(config(["--config-file", file, "-c", "sasl.mechanism=PLAIN", "--config", "client.rack:r1"]).kafkaConfig).toEqual({ ...expected, "sasl.mechanism": "PLAIN", "client.rack": "r1" });
    vi.stubEnv("KOMMITTED_CONFIG_FILE", file);
    vi.stubEnv("KOMMITTED_CONFIG", "sasl.mechanism=PLAIN\nclient.rack:r1");
    vi.stubEnv("KOMMITTED_CONNECT_TIMEOUT", "2s");
    expect(config([])).toMatchObject({ brokers: "file:9093", kafkaConfig: { ...expected, "sasl.mechanism": "PLAIN", "client.rack": "r1" }, connectTimeoutMs: 2000 });
  });

  it("refuses a client setting librdkafka rejects, naming the key and where it came from (exit 2)", () => {
    const typo = flagError(["-b", "x:1", "-c", "security.protcol:SASL_SSL"]);
    expect(typo).toBeInstanceOf(ClientSettingError);
    expect(typo.exitCode).toBe(2);
    expect(typo.message).toMatch(/^-c\/--config: security\.protcol: No such configuration property: "security\.protcol"/);
    vi.stubEnv("KOMMITTED_CONFIG", "fetch.wait.max.ms=soon");
    expect(flagError(["-b", "x:1"]).message).toMatch(/^KOMMITTED_CONFIG: fetch\.wait\.max\.ms: Invalid value for configuration property "fetch\.wait\.max\.ms"/);
  });

  it("reads environment variables", () => {
    vi.stubEnv("KOMMITTED_BROKERS", "env:9092");
    vi.stubEnv("KOMMITTED_LAG_MODE", "exact");
    expect(config([])).toMatchObject({ brokers: "env:9092", lagMode: "exact" });
  });

  it("rejects bad flags with INVALID_FLAG and a message naming the flag", () => {
    expect(flagError([]).message).toMatch(/--brokers/);
    expect(flagError(["-b", "x:1", "--port", "70000"]).message).toMatch(/--port must be an integer from 0 to 65535, got '70000'/);
    expect(flagError(["-b", "x:1", "--history-ready-at", "2"]).message).toMatch(/--history-ready-at/);
    expect(flagError(["-b", "x:1", "--poll-interval", "soon"]).message).toMatch(/--poll-interval/);
    expect(flagError(["-b", "x:1", "--lag-mode", "guess"]).message).toMatch(/guess/);
    expect(flagError(["-b", "x:1", "--kafka-conf", "novalue"]).message).toMatch(/KEY=VALUE or KEY:VALUE/);
    expect(flagError(["-b", "x:1", "--bogus"]).code).toBe("INVALID_FLAG");
    expect(flagError(["-b", "x:1", "--bogus"])).toBeInstanceOf(KommittedError);
    expect(flagError(["-b", "x:1", "--log-level", "loud"]).exitCode).toBe(2);
  });

  it("prints help and version and asks to exit 0", () => {
    const help = parseArgs(["--help"]);
    expect(help).toMatchObject({ kind: "exit", code: 0 });
    expect(help.kind === "exit" && help.output).toMatch(/--history-ready-at/);
    const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
    expect(parseArgs(["--version"])).toMatchObject({ kind: "exit", code: 0, output: `${version}\n` });
  });

  it("parses durations", () => {
    expect(parseDuration("250")).toBe(250);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("-1s")).toBeUndefined();
  });
});
