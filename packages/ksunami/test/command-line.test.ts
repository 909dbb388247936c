/**
 * ksunami's command line, parsed in-process: flags, environment variables, client settings, and the one line (and
 * exit code) each bad input ends with. The built command's exit codes and signals are in `cli.int.test.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { KafkescError, exitCodeOf, formatFailure } from "@kafkesc/kafka-io";
import { describe, expect, test } from "vitest";
import type { CommandLine } from "../src/command-line.js";
import { ENVIRONMENT, parseCommandLine } from "../src/command-line.js";
import type { KsunamiOptions } from "../src/options.js";
import { prepareRun, runPlan } from "../src/run.js";
import { bezierOf } from "../src/wave/curves.js";

const base = ["-b", "localhost:9092", "-t", "topic", "--min", "10", "--max", "100"];
const options = (argv: string[], env: NodeJS.ProcessEnv = {}): KsunamiOptions => {
  const parsed: CommandLine = parseCommandLine(argv, env);
  if (parsed.kind !== "options") throw new Error(`expected options, got ${parsed.kind}`);
  return parsed.options;
};
const failure = (argv: string[], env: NodeJS.ProcessEnv = {}): KafkescError => {
  try {
    const parsed = parseCommandLine(argv, env);
    if (parsed.kind === "options") prepareRun(parsed.options);
  } catch (e) {
    if (e instanceof KafkescError) return e;
    throw e;
  }
  throw new Error("expected a KafkescError");
};

describe("flags of the Rust ksunami, same defaults", () => {
  test("defaults", () => {
    const o = options(base);
    expect(o).toMatchObject({
      mode: "run", brokers: "localhost:9092", topics: [{ name: "topic", weight: 1 }], clientId: "ksunami", partitioner: "consistent_random",
      kafkaConfig: [], key: undefined, payload: undefined, partition: -1, headers: [], speed: 1, logLevel: "warn", showStats: true,
      cycles: undefined, durationSec: undefined, alignToClock: false, numbers: "text", metricsPort: undefined,
    });
    expect(o.wave).toEqual({ min: 10, max: 100, minSec: 60, maxSec: 60, up: { kind: "curve", name: "linear", bezier: bezierOf("up", 0, 0, 1, 1) }, upSec: 10, down: { kind: "none" }, downSec: 0 });
  });

  test("every flag, long and short", () => {
    const o = options([
      "--brokers", "a:1,b:2", "--client-id", "me", "--partitioner", "murmur2", "-c", "linger.ms:5", "--config", "acks=all", "-c", "security.protocol=SASL_SSL",
      "--topic", "t2", "-k", "int:-5--1", "-p", "alpha:12", "--partition", "3", "--head", "h:1", "--head", "h:2", "--head", "a:b:c",
      "--min", "0.5", "--min-sec", "1.5", "--max", "2000", "--max-sec", "0", "--up", "spike-in", "--up-sec", "2", "--down", "ease-out", "--down-sec", "4",
      "-vv", "--cycles", "3", "--duration", "12.5", "--connect-timeout", "5", "--speed", "10", "--align-to-clock", "--seed", "99", "--binary-numbers", "--metrics-port", "9400",
      "--max-in-flight", "5000", "--flush-timeout", "5", "--status-interval", "2", "--max-lag", "0.5",
    ]);
    expect(o).toMatchObject({
      brokers: "a:1,b:2", clientId: "me", partitioner: "murmur2", topics: [{ name: "t2", weight: 1 }], partition: 3,
      kafkaConfig: [["linger.ms", "5"], ["acks", "all"], ["security.protocol", "SASL_SSL"]],
      key: { kind: "int", min: -5, max: -1 }, payload: { kind: "alpha", length: 12 },
      headers: [["h", "1"], ["h", "2"], ["a", "b:c"]],
      logLevel: "debug", cycles: 3, durationSec: 12.5, speed: 10, alignToClock: true, seed: 99, numbers: "binary", metricsPort: 9400,
      maxInFlight: 5000, flushTimeoutSec: 5, statusIntervalSec: 2, maxLagSec: 0.5, connectTimeoutMs: 5000,
    });
    expect(o.wave).toMatchObject({ min: 0.5, max: 2000, minSec: 0.15, maxSec: 0, upSec: 0.2, downSec: 0.4 });
    expect(o.wave.up).toMatchObject({ name: "spike-in" });
    expect(o.wave.down).toMatchObject({ name: "ease-out" });
  });

  test("min equal to max is accepted (a constant rate)", () => {
    expect(options(["-b", "x:1", "-t", "t", "--min", "50", "--max", "50"]).wave).toMatchObject({ min: 50, max: 50 });
  });

  test("durations: bare seconds as the Rust ksunami, or with units", () => {
    const o = options([...base, "--min-sec", "1.5m", "--max-sec", "90s", "--up-sec", "500ms", "--duration", "1h", "--flush-timeout", "2s", "--max-lag", "250ms"]);
    expect(o.wave).toMatchObject({ minSec: 90, maxSec: 90, upSec: 0.5 });
    expect(o).toMatchObject({ durationSec: 3600, flushTimeoutSec: 2, maxLagSec: 0.25, connectTimeoutMs: 30_000 });
  });

  test("verbosity: -v info, -vv debug, -vvv trace, -q error (no statistics), -qq silent, --log-level, KSUNAMI_LOG", () => {
    expect(options([...base, "-v"]).logLevel).toBe("info");
    expect(options([...base, "-v", "-v", "-v"]).logLevel).toBe("trace");
    expect(options([...base, "-q"])).toMatchObject({ logLevel: "error", showStats: false });
    expect(options([...base, "-qq"]).logLevel).toBe("silent");
    expect(options([...base, "--log-level", "off"]).logLevel).toBe("silent");
    expect(options(base, { KSUNAMI_LOG_LEVEL: "fatal" }).logLevel).toBe("fatal");
    expect(options(base, { KSUNAMI_LOG: "DEBUG" }).logLevel).toBe("debug");
    expect(options([...base, "-q"], { KSUNAMI_LOG: "trace" }).logLevel).toBe("error");
  });

  test("-h short help, --help long help that explains every value, -V version", () => {
    const short = parseCommandLine(["-h"]);
    const long = parseCommandLine(["--help"]);
    if (short.kind !== "help" || long.kind !== "help") throw new Error("expected help");
    expect(short.text).toContain("--brokers");
    expect(short.text).not.toContain("spike-in-out");
    for (const word of ["spike-in-out", "cubic-bezier(x1,y1,x2,y2)", "alpha:LENGTH", "murmur2", "KSUNAMI_LOG", "Exit codes"]) expect(long.text).toContain(word);
    expect(long.text).toContain("default: ksunami");
    expect(long.text).toContain("env: KSUNAMI_CONFIG_FILE");
    const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
    expect(parseCommandLine(["-V"])).toEqual({ kind: "version", text: `${version}\n` });
    expect(parseCommandLine(["--version"]).kind).toBe("version");
  });

  test("--plan needs neither brokers nor topic", () => {
    expect(options(["--plan", "--min", "1", "--max", "2"]).mode).toBe("plan");
    expect(options(["--plan-svg", "/tmp/x.svg", "--min", "1", "--max", "2"])).toMatchObject({ mode: "plan", planSvg: "/tmp/x.svg" });
  });
});

describe("environment variables", () => {
  test("every option has a KSUNAMI_ variable", () => {
    for (const variable of Object.values(ENVIRONMENT)) expect(variable).toMatch(/^KSUNAMI_[A-Z_]+$/);
  });

  test("options come from the environment; the command line wins", () => {
    const env = {
      KSUNAMI_BROKERS: "env:9092", KSUNAMI_TOPIC: "env-topic", KSUNAMI_MIN: "1", KSUNAMI_MAX: "5", KSUNAMI_UP: "ease-in",
      KSUNAMI_CONFIG: "linger.ms:7\nacks=1\n", KSUNAMI_HEAD: "a:1\na:2", KSUNAMI_ALIGN_TO_CLOCK: "true", KSUNAMI_SEED: "3",
      KSUNAMI_PAYLOAD: "bytes:100", KSUNAMI_VERBOSE: "1", KSUNAMI_MIN_SEC: "5", KSUNAMI_PARTITIONER: "fnv1a",
    };
    const o = options([], env);
    expect(o).toMatchObject({
      brokers: "env:9092", topics: [{ name: "env-topic", weight: 1 }], kafkaConfig: [["linger.ms", "7"], ["acks", "1"]], headers: [["a", "1"], ["a", "2"]],
      alignToClock: true, seed: 3, payload: { kind: "bytes", length: 100 }, logLevel: "info", partitioner: "fnv1a",
    });
    expect(o.wave).toMatchObject({ min: 1, max: 5, minSec: 5 });
    expect(options(["--max", "9", "-b", "cli:1"], env)).toMatchObject({ brokers: "cli:1", wave: { max: 9 } });
  });

  test("bad booleans in the environment", () => {
    expect(failure(base, { KSUNAMI_PLAN: "maybe" }).message).toBe("KSUNAMI_PLAN: 'maybe' is not a boolean (1/true/yes or 0/false/no)");
  });
});

describe("bad input: one clear message each", () => {
  test.each([
    [["-t", "t", "--min", "1", "--max", "2"], "MISSING_OPTION", "--brokers is required (or set KSUNAMI_BROKERS)"],
    [["-b", "x:1", "--min", "1", "--max", "2"], "MISSING_OPTION", "--topic is required (or set KSUNAMI_TOPIC)"],
    [["-b", "x:1", "-t", "t", "--max", "2"], "MISSING_OPTION", "--min is required (or set KSUNAMI_MIN)"],
    [["-b", "x:1", "-t", "t", "--min", "2"], "MISSING_OPTION", "--max is required (or set KSUNAMI_MAX)"],
    [["-b", "x:1", "-t", "t", "--min", "20", "--max", "10"], "INVALID_RANGE", "--min (20) must not be above --max (10)"],
    [["-b", "x:1", "-t", "t", "--min", "0", "--max", "0"], "EMPTY_WAVE", "--max must be above 0: the wave would send nothing"],
    [["-b", "x:1", "-t", "t", "--min", "ten", "--max", "10"], "INVALID_NUMBER", "--min: 'ten' is not a number"],
    [[...base, "--min-sec", "-5"], "INVALID_NUMBER", "--min-sec: -5 is negative"],
    [[...base, "--down-sec", "-1"], "INVALID_NUMBER", "--down-sec: -1 is negative"],
    [[...base, "--up-sec", "0"], "INVALID_NUMBER", "--up-sec must be above 0 when --up is not 'none'"],
    [[...base, "--min-sec", "0", "--max-sec", "0", "--up", "none"], "EMPTY_WAVE", "--min-sec, --max-sec, --up-sec and --down-sec add up to 0: a cycle must last"],
    [[...base, "--up", "bounce"], "INVALID_TRANSITION", "--up: unknown transition 'bounce' (expected one of none, linear, ease-in, ease-out, ease-in-out, spike-in, spike-out, spike-in-out, or cubic-bezier(x1,y1,x2,y2))"],
    [[...base, "--down", "cubic-bezier(0,0,2,1)"], "INVALID_TRANSITION", "--down: every coordinate of 'cubic-bezier(0,0,2,1)' must be a number between 0 and 1"],
    [[...base, "-k", "int:9-1"], "INVALID_GENERATOR", "--key: 'int:9-1' has MIN (9) above MAX (1)"],
    [[...base, "-p", "file:/no/such/file"], "FILE_NOT_READABLE", "--payload: cannot read file '/no/such/file': ENOENT"],
    [[...base, "--partitioner", "round_robin"], "INVALID_PARTITIONER", "--partitioner: unknown partitioner 'round_robin' (expected one of random, consistent, consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random)"],
    [[...base, "--partition", "-2"], "INVALID_NUMBER", "--partition: -2 is not a partition (-1 or more)"],
    [[...base, "--partition", "1.5"], "INVALID_NUMBER", "--partition: '1.5' is not a whole number"],
    [[...base, "-c", "linger.ms"], "INVALID_CLIENT_SETTING", "-c/--config: linger.ms: expected KEY=VALUE or KEY:VALUE"],
    [[...base, "-c", "no.such.setting:1"], "INVALID_CLIENT_SETTING", '-c/--config: no.such.setting: No such configuration property: "no.such.setting" (librdkafka\'s settings: https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md)'],
    [[...base, "-c", "acks:maybe"], "INVALID_CLIENT_SETTING", '-c/--config: acks: Invalid value for configuration property "request.required.acks"'],
    [[...base, "-c", "ssl.truststore.location=/ts.jks"], "INVALID_CLIENT_SETTING", "-c/--config: ssl.truststore.location: a JKS truststore, which librdkafka cannot read: export the CA certificate as PEM (keytool -exportcert -rfc -keystore /ts.jks -alias ALIAS -file ca.pem) and set ssl.ca.location=ca.pem"],
    [[...base, "--config-file", "/no/such/client.properties"], "INVALID_CONFIG_FILE", "/no/such/client.properties: cannot read it (ENOENT)"],
    [[...base, "--connect-timeout", "soon"], "INVALID_ARGUMENT", "option '--connect-timeout <DURATION>' argument 'soon' is invalid. expected a duration such as 500ms, 10s, 2m (a bare number is seconds), got \"soon\""],
    [[...base, "--max-sec", "-3"], "INVALID_NUMBER", "--max-sec: -3 is negative"],
    [[...base, "--max-sec", "soon"], "INVALID_NUMBER", "--max-sec: 'soon' is not a duration (e.g. 90, 90s, 1.5m, 500ms)"],
    [[...base, "--head", "=x"], "INVALID_KEY_VALUE", "--head: '=x' must be KEY:VALUE"],
    [[...base, "--cycles", "0"], "INVALID_NUMBER", "--cycles: 0 must be above 0"],
    [[...base, "--speed", "0"], "INVALID_NUMBER", "--speed: 0 must be above 0"],
    [[...base, "--metrics-port", "70000"], "INVALID_NUMBER", "--metrics-port: 70000 is not a port (0-65535)"],
    [[...base, "-v", "-q"], "CONFLICTING_OPTIONS", "-v/--verbose and -q/--quiet cannot be used together"],
    [[...base, "--frobnicate"], "INVALID_ARGUMENT", "unknown option '--frobnicate'"],
    [[...base, "extra"], "INVALID_ARGUMENT", "too many arguments. Expected 0 arguments but got 1."],
    [[...base, "--min"], "INVALID_ARGUMENT", "option '--min <REC/SEC>' argument missing"],
  ])("%j", (argv, code, message) => {
    const error = failure(argv);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    // What the command prints: one line, no stack, and exit code 2.
    expect(formatFailure("ksunami", error)).toBe(`ksunami: error [${code}]: ${message}`);
    expect(exitCodeOf(error)).toBe(2);
  });

  test("environment variables are validated the same way", () => {
    const error = failure([], { KSUNAMI_BROKERS: "x:1", KSUNAMI_TOPIC: "t", KSUNAMI_MIN: "1", KSUNAMI_MAX: "ten" });
    expect([error.code, error.message]).toEqual(["INVALID_NUMBER", "--max: 'ten' is not a number"]);
    expect(failure(base, { KSUNAMI_CONFIG: "security.protcol=SASL_SSL" }).message).toMatch(/^KSUNAMI_CONFIG: security\.protcol: No such configuration property/);
  });

  test("a bad KSUNAMI_LOG", () => {
    const error = failure(base, { KSUNAMI_LOG: "loud" });
    expect([error.code, error.message]).toEqual(["INVALID_LOG_LEVEL", "KSUNAMI_LOG: unknown level 'loud' (expected one of fatal, error, warn, info, debug, trace, silent, or off)"]);
  });
});

describe("client settings: --config-file, then -c over it, from flags or the environment", () => {
  const dir = mkdtempSync(join(tmpdir(), "ksunami-"));
  const file = join(dir, "client.properties");
  writeFileSync(file, [
    "bootstrap.servers=file:9093",
    "security.protocol=SASL_SSL",
    "sasl.mechanism=PLAIN",
    'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";',
    "ssl.truststore.type=PEM",
    "ssl.truststore.location=/etc/kafka/ca.pem",
    "linger.ms=20",
  ].join("\n"));
  const expected = {
    "bootstrap.servers": "file:9093", "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "alice",
    "sasl.password": "alice-secret", "ssl.ca.location": "/etc/kafka/ca.pem", "linger.ms": "5",
  };

  test("flags: a Java client.properties, translated; -c wins; brokers from the file when -b is absent", () => {
    const o = options(["-t", "t", "--min", "1", "--max", "2", "--config-file", file, "-c", "linger.ms:5"]);
    expect(Object.fromEntries(o.kafkaConfig)).toEqual(expected);
    expect(o.brokers).toBe("file:9093");
    expect(() => prepareRun(o)).not.toThrow();
  });

  test("the environment alone", () => {
    const o = options([], { KSUNAMI_TOPIC: "t", KSUNAMI_MIN: "1", KSUNAMI_MAX: "2", KSUNAMI_CONFIG_FILE: file, KSUNAMI_CONFIG: "linger.ms=5", KSUNAMI_CONNECT_TIMEOUT: "2s" });
    expect(Object.fromEntries(o.kafkaConfig)).toEqual(expected);
    expect(o.connectTimeoutMs).toBe(2000);
  });

  test("--plan reads no settings", () => {
    expect(options(["--plan", "--min", "1", "--max", "2", "--config-file", "/no/such/file"]).kafkaConfig).toEqual([]);
    rmSync(dir, { recursive: true });
  });
});

describe("--plan", () => {
  test("prints the chart and the phases without connecting, and writes SVG", () => {
    const dir = mkdtempSync(join(tmpdir(), "ksunami-"));
    const svg = join(dir, "wave.svg");
    let stdout = "";
    const out = new Writable({ write: (chunk: Buffer, _encoding, done) => ((stdout += chunk.toString()), done()) });
    const o = options(["--plan", "--plan-svg", svg, "--min", "100", "--max", "1000", "--min-sec", "10", "--max-sec", "10", "--up-sec", "10", "--down", "linear", "--down-sec", "10", "-p", "bytes:100"]);
    expect(runPlan(prepareRun(o), { stdout: out, stderr: out })).toBe(0);
    // 100 rec/s x 10 s + (100 + 1000) / 2 x 10 s + 1000 x 10 s + the same ramp down = 22,000 records, 100 bytes each.
    expect(stdout).toMatch(/cycle\s+40 s\s+550 avg\s+22,000\s+2\.1 MiB/);
    expect(stdout).toContain("█");
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg [^]*<polyline [^]*<\/svg>\n$/);
    rmSync(dir, { recursive: true });
  });
});
