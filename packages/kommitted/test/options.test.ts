import { afterEach, describe, expect, it } from "vitest";
import { DEFAULTS, readyPolls } from "../src/config.js";
import { KommittedError } from "../src/errors.js";
import { parseArgs, parseDuration } from "../src/options.js";

function config(argv: string[]) {
  const outcome = parseArgs(argv);
  if (outcome.kind !== "run") throw new Error("expected a config");
  return outcome.config;
}

function flagError(argv: string[]): KommittedError {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof KommittedError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("kommitted flags", () => {
  afterEach(() => {
    delete process.env.KOMMITTED_BROKERS;
    delete process.env.KOMMITTED_LAG_MODE;
  });

  it("applies defaults", () => {
    const c = config(["--brokers", "localhost:9092"]);
    expect(c).toMatchObject({
      brokers: "localhost:9092",
      clientId: DEFAULTS.clientId,
      kafkaConfig: {},
      port: 6564,
      history: 600,
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
      "-b", "k1:9092,k2:9092", "--client-id", "mon", "--kafka-conf", "security.protocol:SASL_SSL", "-c", "sasl.mechanism:PLAIN",
      "--cluster-id", "prod", "--history", "100", "--history-ready-at", "0.5", "--host", "127.0.0.1", "--port", "0",
      "--poll-interval", "2s", "--lag-mode", "exact", "--offsets-topic", "dump", "--health-window", "4", "--stop-after", "1m", "-vv",
    ]);
    expect(c).toMatchObject({
      brokers: "k1:9092,k2:9092",
      clientId: "mon",
      kafkaConfig: { "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN" },
      clusterId: "prod",
      history: 100,
      historyReadyAt: 0.5,
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
  });

  it("reads environment variables", () => {
    process.env.KOMMITTED_BROKERS = "env:9092";
    process.env.KOMMITTED_LAG_MODE = "exact";
    expect(config([])).toMatchObject({ brokers: "env:9092", lagMode: "exact" });
  });

  it("rejects bad flags with INVALID_FLAG and a message naming the flag", () => {
    expect(flagError([]).message).toMatch(/--brokers/);
    expect(flagError(["-b", "x:1", "--port", "70000"]).message).toMatch(/--port must be an integer from 0 to 65535, got '70000'/);
    expect(flagError(["-b", "x:1", "--history-ready-at", "2"]).message).toMatch(/--history-ready-at/);
    expect(flagError(["-b", "x:1", "--poll-interval", "soon"]).message).toMatch(/--poll-interval/);
    expect(flagError(["-b", "x:1", "--lag-mode", "guess"]).message).toMatch(/guess/);
    expect(flagError(["-b", "x:1", "--kafka-conf", "novalue"]).message).toMatch(/KEY:VALUE/);
    expect(flagError(["-b", "x:1", "--bogus"]).code).toBe("INVALID_FLAG");
  });

  it("prints help and version and asks to exit 0", () => {
    const help = parseArgs(["--help"]);
    expect(help).toMatchObject({ kind: "exit", code: 0 });
    expect(help.kind === "exit" && help.output).toMatch(/--history-ready-at/);
    expect(parseArgs(["--version"])).toMatchObject({ kind: "exit", code: 0, output: "0.1.0\n" });
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
