/**
 * ksunami's options, typed and validated. `resolveOptions` turns the raw strings of the command line
 * (or of the environment) into `KsunamiOptions`, or throws one `KsunamiOptionsError` naming the flag.
 */
import type { ClientSettings, LogLevel } from "@kafkesc/kafka-io";
import { NO_SETTINGS, parseDuration, resolveLogLevel } from "@kafkesc/kafka-io";
import { KsunamiOptionsError } from "./errors.js";
import type { Transition } from "./wave/curves.js";
import { parseTransition } from "./wave/curves.js";
import type { WaveSpec } from "./wave/plan.js";
import type { ValueSpec } from "./generate/spec.js";
import { parseValueSpec } from "./generate/spec.js";
import type { NumberEncoding } from "./generate/generators.js";

/** librdkafka's partitioners (the `partitioner` producer setting). */
export const PARTITIONERS = ["random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"] as const;
/** One of librdkafka's partitioners. */
export type Partitioner = (typeof PARTITIONERS)[number];

/** The options as the command line gives them: strings, repeated strings and counters. */
export interface RawOptions {
  brokers?: string; clientId?: string; partitioner?: string; config?: string[]; topic?: string | string[];
  key?: string; payload?: string; partition?: string; head?: string[];
  min?: string; minSec?: string; max?: string; maxSec?: string; up?: string; upSec?: string; down?: string; downSec?: string;
  verbose?: number; quiet?: number; logLevel?: LogLevel; configFile?: string; connectTimeout?: number;
  plan?: boolean; planSvg?: string; binaryNumbers?: boolean; cycles?: string; duration?: string; speed?: string;
  alignToClock?: boolean; seed?: string; metricsPort?: string; maxInFlight?: string; flushTimeout?: string;
  statusInterval?: string; maxLag?: string;
  transactionalId?: string; recordsPerTransaction?: string; abortRatio?: string; txnTimeout?: string;
  shards?: string; shardIndex?: string; startAt?: string;
  /** `JOB_COMPLETION_INDEX` (set by Kubernetes in an Indexed Job's pods): the shard index when `--shard-index` is not given. */
  jobCompletionIndex?: string;
}

/** One destination topic and its share of the wave. */
export interface TopicWeight {
  /** Topic name. */
  readonly name: string;
  /** Relative weight (records go to topics in proportion to their weights). */
  readonly weight: number;
}

/** Transactions of a run (`--transactional-id`). */
export interface TransactionOptions {
  /** librdkafka's `transactional.id`. */
  readonly id: string;
  /** Records per transaction: a transaction ends when its last record is due, so commits follow the wave's rate. */
  readonly recordsPerTransaction: number;
  /** Fraction of transactions aborted instead of committed (drawn with `--seed`). */
  readonly abortRatio: number;
  /** Bound on each init, commit and abort (ms). */
  readonly timeoutMs: number;
}

/** This process's part of a wave shared by several processes (`--shards`). */
export interface ShardOptions {
  /** How many processes share the wave. */
  readonly count: number;
  /** This process's index, 0 to count - 1. */
  readonly index: number;
}

/** Everything a ksunami run needs, validated. */
export interface KsunamiOptions {
  /** `plan`: print the wave and exit without connecting; `run`: produce. */
  readonly mode: "plan" | "run";
  /** Bootstrap servers (required to run). */
  readonly brokers: string;
  /** Producer `client.id`. */
  readonly clientId: string;
  /** Producer `partitioner`. */
  readonly partitioner: Partitioner;
  /** Client settings from `--config-file` and `-c/--config` (translated, with where each came from). */
  readonly settings: ClientSettings;
  /** The same settings as librdkafka producer settings, in order (later ones win). */
  readonly kafkaConfig: ReadonlyArray<readonly [string, string]>;
  /** Bound on connecting (ms): past it, or on a refusal (credentials, TLS), the run ends with exit 1. */
  readonly connectTimeoutMs: number;
  /** Destination topics with their weights, in the order given (at least one to run). */
  readonly topics: readonly TopicWeight[];
  /** Key of each record; none when absent. */
  readonly key: ValueSpec | undefined;
  /** Payload of each record; none (null value) when absent. */
  readonly payload: ValueSpec | undefined;
  /** Explicit partition, or -1 to let the partitioner decide. */
  readonly partition: number;
  /** Headers of every record, in order, duplicates kept. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The wave, with durations already divided by `speed`. */
  readonly wave: WaveSpec;
  /** Time compression: phases last `1/speed` of their given durations, rates are unchanged. */
  readonly speed: number;
  /** Stop after this many cycles (undefined: never). */
  readonly cycles: number | undefined;
  /** Stop after this many seconds (undefined: never). */
  readonly durationSec: number | undefined;
  /** Start at the wall clock's position in the wave, so that processes started apart stay in phase. */
  readonly alignToClock: boolean;
  /** Seed of the generators' randomness. */
  readonly seed: number;
  /** How `int:` and `float:` values are written. */
  readonly numbers: NumberEncoding;
  /** Log level. */
  readonly logLevel: LogLevel;
  /** Whether statistics (status, summary) are printed: false with `-q`. */
  readonly showStats: boolean;
  /** Write the plan's chart as SVG to this file. */
  readonly planSvg: string | undefined;
  /** Serve Prometheus metrics on this port (undefined: no endpoint). */
  readonly metricsPort: number | undefined;
  /** Most records in flight (produced, not yet acknowledged) at once: back-pressure beyond. */
  readonly maxInFlight: number;
  /** On stop, how long to wait for in-flight records, in seconds. */
  readonly flushTimeoutSec: number;
  /** Seconds between status updates (a line refreshed in place on a terminal, a log line otherwise). */
  readonly statusIntervalSec: number;
  /** Largest lag behind schedule caught up, in seconds; records due longer ago are skipped and reported. */
  readonly maxLagSec: number;
  /** Transactional producing (`--transactional-id`), or undefined. */
  readonly transactions: TransactionOptions | undefined;
  /** This process's share of the wave (`{ count: 1, index: 0 }`: the whole wave). */
  readonly shard: ShardOptions;
  /** Epoch ms of the wave's time 0 (`--start-at`), or undefined: the run's start, or a cycle boundary when aligned. */
  readonly startAtMs: number | undefined;
}

/** Defaults, shared by the parser, the help text and the README. */
export const DEFAULTS = {
  clientId: "ksunami", partitioner: "consistent_random", partition: "-1",
  minSec: "60", maxSec: "60", up: "linear", upSec: "10", down: "none", downSec: "10",
  speed: "1", maxInFlight: "100000", flushTimeout: "30", statusInterval: "1", maxLag: "1",
  recordsPerTransaction: "1000", abortRatio: "0", txnTimeout: "60", shards: "1",
} as const;

/** Validates raw options (with the client settings already read); throws `KsunamiOptionsError` on the first bad one. */
export function resolveOptions(raw: RawOptions, settings: ClientSettings = NO_SETTINGS): KsunamiOptions {
  const mode = raw.plan === true || raw.planSvg !== undefined ? "plan" : "run";
  const brokers = (raw.brokers ?? settings.config["bootstrap.servers"] ?? "").trim();
  const topics = parseTopics(raw.topic);
  if (mode === "run" && brokers === "") missing("--brokers", "KSUNAMI_BROKERS");
  if (mode === "run" && topics.length === 0) missing("--topic", "KSUNAMI_TOPIC");

  const partitioner = raw.partitioner ?? DEFAULTS.partitioner;
  if (!(PARTITIONERS as readonly string[]).includes(partitioner)) {
    throw new KsunamiOptionsError("INVALID_PARTITIONER", `--partitioner: unknown partitioner '${partitioner}' (expected one of ${PARTITIONERS.join(", ")})`, "--partitioner");
  }

  if (raw.min === undefined) missing("--min", "KSUNAMI_MIN");
  if (raw.max === undefined) missing("--max", "KSUNAMI_MAX");
  const min = nonNegative(raw.min!, "--min");
  const max = nonNegative(raw.max!, "--max");
  if (min > max) throw new KsunamiOptionsError("INVALID_RANGE", `--min (${min}) must not be above --max (${max})`, "--min");
  if (max === 0) throw new KsunamiOptionsError("EMPTY_WAVE", "--max must be above 0: the wave would send nothing", "--max");
  const speed = positive(raw.speed ?? DEFAULTS.speed, "--speed");
  const up = parseTransition(raw.up ?? DEFAULTS.up, "up");
  const down = parseTransition(raw.down ?? DEFAULTS.down, "down");
  const minSec = seconds(raw.minSec ?? DEFAULTS.minSec, "--min-sec");
  const maxSec = seconds(raw.maxSec ?? DEFAULTS.maxSec, "--max-sec");
  const upSec = transitionSeconds(up, raw.upSec ?? DEFAULTS.upSec, "--up");
  const downSec = transitionSeconds(down, raw.downSec ?? DEFAULTS.downSec, "--down");
  if (minSec + maxSec + upSec + downSec === 0) {
    throw new KsunamiOptionsError("EMPTY_WAVE", "--min-sec, --max-sec, --up-sec and --down-sec add up to 0: a cycle must last", "--min-sec");
  }
  const wave: WaveSpec = { min, max, minSec: minSec / speed, maxSec: maxSec / speed, up, upSec: upSec / speed, down, downSec: downSec / speed };

  const partition = integer(raw.partition ?? DEFAULTS.partition, "--partition");
  if (partition < -1) throw new KsunamiOptionsError("INVALID_NUMBER", `--partition: ${partition} is not a partition (-1 or more)`, "--partition");

  const shard = parseShard(raw, mode);
  const transactions = parseTransactions(raw);
  return {
    mode, brokers, topics,
    clientId: raw.clientId ?? DEFAULTS.clientId,
    partitioner: partitioner as Partitioner,
    settings,
    kafkaConfig: Object.entries(settings.config),
    connectTimeoutMs: raw.connectTimeout ?? 30_000,
    key: raw.key === undefined ? undefined : parseValueSpec(raw.key, "--key"),
    payload: raw.payload === undefined ? undefined : parseValueSpec(raw.payload, "--payload"),
    partition,
    headers: (raw.head ?? []).map((kv) => keyValue(kv, "--head")),
    wave, speed,
    cycles: raw.cycles === undefined ? undefined : positiveInteger(raw.cycles, "--cycles"),
    durationSec: raw.duration === undefined ? undefined : positiveSeconds(raw.duration, "--duration"),
    alignToClock: raw.alignToClock === true,
    seed: raw.seed === undefined ? (Math.random() * 2 ** 32) >>> 0 : integer(raw.seed, "--seed") >>> 0,
    numbers: raw.binaryNumbers === true ? "binary" : "text",
    logLevel: logLevel(raw),
    showStats: (raw.quiet ?? 0) === 0,
    planSvg: raw.planSvg,
    metricsPort: raw.metricsPort === undefined ? undefined : port(raw.metricsPort),
    maxInFlight: positiveInteger(raw.maxInFlight ?? DEFAULTS.maxInFlight, "--max-in-flight"),
    flushTimeoutSec: seconds(raw.flushTimeout ?? DEFAULTS.flushTimeout, "--flush-timeout"),
    statusIntervalSec: positiveSeconds(raw.statusInterval ?? DEFAULTS.statusInterval, "--status-interval"),
    maxLagSec: positiveSeconds(raw.maxLag ?? DEFAULTS.maxLag, "--max-lag"),
    transactions, shard,
    startAtMs: raw.startAt === undefined ? undefined : instant(raw.startAt, "--start-at"),
  };
}

/** `-t NAME` or `-t NAME:WEIGHT`, repeatable (a variable takes one per line or comma-separated); weights default to 1. */
function parseTopics(given: string | string[] | undefined): TopicWeight[] {
  const texts = (given === undefined ? [] : Array.isArray(given) ? given : [given]).flatMap((t) => t.split(",")).map((t) => t.trim()).filter((t) => t !== "");
  const topics = texts.map((text) => {
    const at = text.lastIndexOf(":");
    const name = at < 0 ? text : text.slice(0, at);
    const weight = at < 0 ? 1 : Number(text.slice(at + 1));
    if (name === "" || !/^[A-Za-z0-9._-]{1,249}$/.test(name)) throw new KsunamiOptionsError("INVALID_TOPIC", `--topic: '${text}' is not a topic name (letters, digits, '.', '_', '-')`, "--topic");
    if (at >= 0 && (!Number.isFinite(weight) || weight <= 0 || text.slice(at + 1).trim() === "")) {
      throw new KsunamiOptionsError("INVALID_TOPIC", `--topic: '${text}' has a weight that is not a number above 0 (NAME:WEIGHT, e.g. orders:3)`, "--topic");
    }
    return { name, weight };
  });
  const seen = new Set<string>();
  for (const t of topics) {
    if (seen.has(t.name)) throw new KsunamiOptionsError("INVALID_TOPIC", `--topic: '${t.name}' is given twice (give it once, with a weight)`, "--topic");
    seen.add(t.name);
  }
  return topics;
}

/**
 * `--shards N --shard-index I`. I defaults to Kubernetes' `JOB_COMPLETION_INDEX` (read only with N > 1, so that a plain
 * Indexed Job runs whole waves), and to 0 for `--plan`.
 */
function parseShard(raw: RawOptions, mode: KsunamiOptions["mode"]): ShardOptions {
  const count = positiveInteger(raw.shards ?? DEFAULTS.shards, "--shards");
  const given = raw.shardIndex ?? (count > 1 ? raw.jobCompletionIndex : undefined);
  if (given === undefined) {
    if (count > 1 && mode === "run") missing("--shard-index", "KSUNAMI_SHARD_INDEX or JOB_COMPLETION_INDEX");
    return { count, index: 0 };
  }
  const index = integer(given, raw.shardIndex === undefined ? "JOB_COMPLETION_INDEX" : "--shard-index");
  if (index < 0 || index >= count) {
    const flag = raw.shardIndex === undefined ? "JOB_COMPLETION_INDEX" : "--shard-index";
    throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: ${index} is not in 0-${count - 1} (--shards ${count})`, flag);
  }
  return { count, index };
}

/** `--transactional-id` and the flags that only make sense with it. */
function parseTransactions(raw: RawOptions): TransactionOptions | undefined {
  const id = raw.transactionalId?.trim();
  if (id === undefined || id === "") {
    for (const [value, flag] of [[raw.recordsPerTransaction, "--records-per-transaction"], [raw.abortRatio, "--abort-ratio"], [raw.txnTimeout, "--txn-timeout"]] as const) {
      if (value !== undefined) throw new KsunamiOptionsError("CONFLICTING_OPTIONS", `${flag} needs --transactional-id`, flag);
    }
    return undefined;
  }
  const abortRatio = nonNegative(raw.abortRatio ?? DEFAULTS.abortRatio, "--abort-ratio");
  if (abortRatio > 1) throw new KsunamiOptionsError("INVALID_NUMBER", `--abort-ratio: ${abortRatio} is above 1 (a fraction of transactions, 0-1)`, "--abort-ratio");
  return {
    id,
    recordsPerTransaction: positiveInteger(raw.recordsPerTransaction ?? DEFAULTS.recordsPerTransaction, "--records-per-transaction"),
    abortRatio,
    timeoutMs: positiveSeconds(raw.txnTimeout ?? DEFAULTS.txnTimeout, "--txn-timeout") * 1000,
  };
}

/** An instant: ISO 8601 (`2026-12-01T10:00:00Z`) or epoch milliseconds. */
function instant(text: string, flag: string): number {
  const trimmed = text.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) : /^\d{4}-\d{2}-\d{2}T/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (!Number.isFinite(ms)) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: '${text}' is not an instant (ISO 8601 such as 2026-12-01T10:00:00Z, or epoch ms)`, flag);
  return ms;
}

function missing(flag: string, env: string): never {
  throw new KsunamiOptionsError("MISSING_OPTION", `${flag} is required (or set ${env})`, flag);
}

function number(text: string, flag: string): number {
  const value = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: '${text}' is not a number`, flag);
  return value;
}

function nonNegative(text: string, flag: string): number {
  const value = number(text, flag);
  if (value < 0) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: ${value} is negative`, flag);
  return value;
}

function positive(text: string, flag: string): number {
  const value = number(text, flag);
  if (value <= 0) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: ${value} must be above 0`, flag);
  return value;
}

function integer(text: string, flag: string): number {
  const value = number(text, flag);
  if (!Number.isSafeInteger(value)) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: '${text}' is not a whole number`, flag);
  return value;
}

function positiveInteger(text: string, flag: string): number {
  const value = integer(text, flag);
  if (value <= 0) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: ${value} must be above 0`, flag);
  return value;
}

function port(text: string): number {
  const value = integer(text, "--metrics-port");
  if (value < 0 || value > 65535) throw new KsunamiOptionsError("INVALID_NUMBER", `--metrics-port: ${value} is not a port (0-65535)`, "--metrics-port");
  return value;
}

/** A duration in seconds: `90`, `90s`, `1.5m`, `500ms` (a bare number is seconds, as in the Rust ksunami). */
function seconds(text: string, flag: string): number {
  const ms = parseDuration(text, "s");
  if (ms !== undefined) return ms / 1000;
  const value = Number(text);
  if (text.trim() !== "" && Number.isFinite(value) && value < 0) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: ${value} is negative`, flag);
  throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: '${text}' is not a duration (e.g. 90, 90s, 1.5m, 500ms)`, flag);
}

function positiveSeconds(text: string, flag: string): number {
  const value = seconds(text, flag);
  if (value <= 0) throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}: ${text} must be above 0`, flag);
  return value;
}

function transitionSeconds(transition: Transition, text: string, flag: "--up" | "--down"): number {
  const seconds_ = seconds(text, `${flag}-sec`);
  if (transition.kind === "none") return 0;
  if (seconds_ === 0) {
    throw new KsunamiOptionsError("INVALID_NUMBER", `${flag}-sec must be above 0 when ${flag} is not 'none'`, `${flag}-sec`);
  }
  return seconds_;
}

/** A header, `KEY:VALUE`: splits at the first `:`; the key may not be empty. */
function keyValue(text: string, flag: string): readonly [string, string] {
  const at = text.indexOf(":");
  if (at <= 0) throw new KsunamiOptionsError("INVALID_KEY_VALUE", `${flag}: '${text}' must be KEY:VALUE`, flag);
  return [text.slice(0, at).trim(), text.slice(at + 1)] as const;
}

function logLevel(raw: RawOptions): LogLevel {
  const verbose = raw.verbose ?? 0;
  const quiet = raw.quiet ?? 0;
  if (verbose > 0 && quiet > 0) throw new KsunamiOptionsError("CONFLICTING_OPTIONS", "-v/--verbose and -q/--quiet cannot be used together", "--quiet");
  return resolveLogLevel(raw.logLevel, verbose, quiet);
}
