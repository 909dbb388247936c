import { describe, expect, test } from "vitest";
import type { CommandLine } from "../src/command-line.js";
import { ENVIRONMENT, parseCommandLine } from "../src/command-line.js";
import { KsunamiOptionsError } from "../src/errors.js";
import type { KsunamiOptions } from "../src/options.js";
import { bezierOf } from "../src/wave/curves.js";

const base = ["-b", "localhost:9092", "-t", "topic", "--min", "10", "--max", "100"];
const options = (argv: string[], env: NodeJS.ProcessEnv = {}): KsunamiOptions => {
  const parsed: CommandLine = parseCommandLine(argv, env);
  if (parsed.kind !== "options") throw new Error(`expected options, got ${parsed.kind}`);
  return parsed.options;
};
const failure = (argv: string[], env: NodeJS.ProcessEnv = {}): KsunamiOptionsError => {
  try {
    parseCommandLine(argv, env);
  } catch (e) {
    if (e instanceof KsunamiOptionsError) return e;
    throw e;
  }
  throw new Error("expected a KsunamiOptionsError");
};

describe("flags of the Rust ksunami, same defaults", () => {
  test("defaults", () => {
    const o = options(base);
    expect(o).toMatchObject({
      mode: "run", brokers: "localhost:9092", topic: "topic", clientId: "ksunami", partitioner: "consistent_random",
      kafkaConfig: [], key: undefined, payload: undefined, partition: -1, headers: [], speed: 1, logLevel: "warn", showStats: true,
      cycles: undefined, durationSec: undefined, alignToClock: false, numbers: "text", metricsPort: undefined,
    });
    expect(o.wave).toEqual({ min: 10, max: 100, minSec: 60, maxSec: 60, up: { kind: "curve", name: "linear", bezier: bezierOf("up", 0, 0, 1, 1) }, upSec: 10, down: { kind: "none" }, downSec: 0 });
  });

  test("every flag, long and short", () => {
    const o = options([
      "--brokers", "a:1,b:2", "--client-id", "me", "--partitioner", "murmur2", "-c", "linger.ms:5", "--config", "acks=all", "-c", "sasl.jaas.config=x required a=\"b\";",
      "--topic", "t2", "-k", "int:-5--1", "-p", "alpha:12", "--partition", "3", "--head", "h:1", "--head", "h:2", "--head", "a:b:c",
      "--min", "0.5", "--min-sec", "1.5", "--max", "2000", "--max-sec", "0", "--up", "spike-in", "--up-sec", "2", "--down", "ease-out", "--down-sec", "4",
      "-vv", "--cycles", "3", "--duration", "12.5", "--speed", "10", "--align-to-clock", "--seed", "99", "--binary-numbers", "--metrics-port", "9400",
      "--max-in-flight", "5000", "--flush-timeout", "5", "--status-interval", "2", "--max-lag", "0.5",
    ]);
    expect(o).toMatchObject({
      brokers: "a:1,b:2", clientId: "me", partitioner: "murmur2", topic: "t2", partition: 3,
      kafkaConfig: [["linger.ms", "5"], ["acks", "all"], ["sasl.jaas.config", 'x required a="b";']],
      key: { kind: "int", min: -5, max: -1 }, payload: { kind: "alpha", length: 12 },
      headers: [["h", "1"], ["h", "2"], ["a", "b:c"]],
      logLevel: "debug", cycles: 3, durationSec: 12.5, speed: 10, alignToClock: true, seed: 99, numbers: "binary", metricsPort: 9400,
      maxInFlight: 5000, flushTimeoutSec: 5, statusIntervalSec: 2, maxLagSec: 0.5,
    });
    expect(o.wave).toMatchObject({ min: 0.5, max: 2000, minSec: 0.15, maxSec: 0, upSec: 0.2, downSec: 0.4 });
    expect(o.wave.up).toMatchObject({ name: "spike-in" });
    expect(o.wave.down).toMatchObject({ name: "ease-out" });
  });

  test("min equal to max is accepted (a constant rate)", () => {
    expect(options(["-b", "x:1", "-t", "t", "--min", "50", "--max", "50"]).wave).toMatchObject({ min: 50, max: 50 });
  });

  test("verbosity: -v info, -vv debug, -vvv trace, -q error (no statistics), -qq off, KSUNAMI_LOG", () => {
    expect(options([...base, "-v"]).logLevel).toBe("info");
    expect(options([...base, "-v", "-v", "-v"]).logLevel).toBe("trace");
    expect(options([...base, "-q"])).toMatchObject({ logLevel: "error", showStats: false });
    expect(options([...base, "-qq"]).logLevel).toBe("off");
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
    expect(long.text).toContain("(default: ksunami)");
    expect(parseCommandLine(["-V"])).toEqual({ kind: "version", text: "0.1.0\n" });
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
      brokers: "env:9092", topic: "env-topic", kafkaConfig: [["linger.ms", "7"], ["acks", "1"]], headers: [["a", "1"], ["a", "2"]],
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
    [[...base, "-c", "linger.ms"], "INVALID_KEY_VALUE", "--config: 'linger.ms' must be KEY:VALUE or KEY=VALUE"],
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
  });

  test("a bad KSUNAMI_LOG", () => {
    const error = failure(base, { KSUNAMI_LOG: "loud" });
    expect([error.code, error.message]).toEqual(["INVALID_LOG_LEVEL", "KSUNAMI_LOG: unknown level 'loud' (expected one of trace, debug, info, warn, error, off)"]);
  });
});
