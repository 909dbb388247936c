/**
 * The conventions shared by the three CLIs, as commander option builders: client settings (`-c/--config`,
 * `--config-file`), `--connect-timeout`, `--log-level`, durations with units, `--version` from the package's own
 * package.json. Every option takes its environment variable through commander's own `.env()`.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import type { ClientSettings } from "./settings.js";
import { resolveClientSettings } from "./settings.js";

/** Default bound on connecting (and on the first answer of the cluster) in every tool. */
export const DEFAULT_CONNECT_TIMEOUT = "30s";

/** Log levels, pino's words, from the most to the least severe; `off` is accepted for `silent`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A duration in milliseconds: a number with `ms`, `s`, `m` or `h` (`500ms`, `10s`, `1.5m`, `2h`); a bare number is in
 * `bareUnit` (milliseconds in kommitted and konsumer-offsets, seconds in ksunami as in the Rust ksunami). Undefined
 * when the text is not a duration.
 */
export function parseDuration(text: string, bareUnit: "ms" | "s" = "ms"): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (match === null) return undefined;
  const unit = (match[2] ?? bareUnit).toLowerCase();
  return Math.round(Number(match[1]) * (UNIT_MS[unit] ?? 1));
}

/** A commander argument parser for a duration (ms) of at least `minMs`. */
export function durationArgument(bareUnit: "ms" | "s" = "ms", minMs = 1): (value: string) => number {
  return (value) => {
    const ms = parseDuration(value, bareUnit);
    if (ms === undefined) throw new InvalidArgumentError(`expected a duration such as 500ms, 10s, 2m${bareUnit === "s" ? " (a bare number is seconds)" : ""}, got ${JSON.stringify(value)}`);
    if (ms < minMs) throw new InvalidArgumentError(`expected a duration of at least ${minMs} ms, got ${JSON.stringify(value)}`);
    return ms;
  };
}

/** Parses a log level word (`off` means `silent`); undefined if it is not one. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const word = text.trim().toLowerCase();
  if (word === "off") return "silent";
  return (LOG_LEVELS as readonly string[]).includes(word) ? (word as LogLevel) : undefined;
}

/** `--log-level LEVEL` (env `PREFIX_LOG_LEVEL`). */
export function logLevelOption(envPrefix: string, defaultLevel: LogLevel = "warn"): Option {
  return new Option("--log-level <LEVEL>", `log level: ${LOG_LEVELS.join(", ")} (off: silent) (default: ${defaultLevel})`)
    .env(`${envPrefix}LOG_LEVEL`)
    .argParser((value: string) => {
      const level = parseLogLevel(value);
      if (level === undefined) throw new InvalidArgumentError(`expected one of ${LOG_LEVELS.join(", ")} or off, got ${JSON.stringify(value)}`);
      return level;
    });
}

/**
 * The level from `-v`/`-q` counts (each one step from `base`) or an explicit level; counts win over the level, and
 * `-v` with `-q` is left to the caller to refuse.
 */
export function resolveLogLevel(explicit: LogLevel | undefined, verbose: number, quiet: number, base: LogLevel = "warn"): LogLevel {
  if (verbose === 0 && quiet === 0) return explicit ?? base;
  const ladder: LogLevel[] = ["silent", "error", "warn", "info", "debug", "trace"];
  const index = Math.min(ladder.length - 1, Math.max(0, ladder.indexOf(base) + verbose - quiet));
  return ladder[index] as LogLevel;
}

/** Repeatable `-c`: each value one setting, or (from the environment) one setting per line. */
function collectSettings(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(/\r?\n/).filter((line) => line.trim() !== "")];
}

/**
 * `-c, --config KEY=VALUE|KEY:VALUE` (repeatable; env `PREFIX_CONFIG`, one per line), `--config-file FILE` (env
 * `PREFIX_CONFIG_FILE`) and `--connect-timeout DURATION` (env `PREFIX_CONNECT_TIMEOUT`). `configAliases` adds long
 * names for `-c` kept for compatibility (kommitted's `--kafka-conf`).
 */
export function clientOptions(envPrefix: string, opts: { bareUnit?: "ms" | "s"; configFlags?: string } = {}): Option[] {
  return [
    new Option(`${opts.configFlags ?? "-c, --config"} <KEY=VALUE>`, "librdkafka client setting, KEY=VALUE or KEY:VALUE (repeatable; overrides --config-file)")
      .env(`${envPrefix}CONFIG`)
      .argParser(collectSettings),
    new Option("--config-file <FILE>", "properties file of client settings (as Kafka's client.properties; Java names translated where exact)").env(`${envPrefix}CONFIG_FILE`),
    new Option("--connect-timeout <DURATION>", "give up if the cluster has not answered within this long")
      .env(`${envPrefix}CONNECT_TIMEOUT`)
      .default(parseDuration(DEFAULT_CONNECT_TIMEOUT), DEFAULT_CONNECT_TIMEOUT)
      .argParser(durationArgument(opts.bareUnit ?? "ms", 100)),
  ];
}

/** The client settings of a parsed program that was given `clientOptions` (`configKey`: the attribute name of `-c`). */
export function clientSettingsOf(program: Command, envPrefix: string, configKey = "config"): ClientSettings {
  const opts = program.opts<Record<string, unknown>>();
  const fromEnv = program.getOptionValueSource(configKey) === "env";
  return resolveClientSettings({
    file: opts["configFile"] as string | undefined,
    flags: opts[configKey] as string[] | undefined,
    flagSource: fromEnv ? `${envPrefix}CONFIG` : "-c/--config",
  });
}

/**
 * A boolean flag that came from its environment variable: commander sets it for any value, so the value is checked
 * here (`1/true/yes` on, `0/false/no` off). Returns the flag's value.
 */
export function envBoolean(program: Command, key: string, variable: string): boolean | undefined {
  const value = program.opts<Record<string, unknown>>()[key];
  if (program.getOptionValueSource(key) !== "env") return value as boolean | undefined;
  const text = (process.env[variable] ?? "").trim().toLowerCase();
  if (["1", "true", "yes", ""].includes(text)) return true;
  if (["0", "false", "no"].includes(text)) return undefined;
  throw new InvalidArgumentError(`${variable}: '${process.env[variable]}' is not a boolean (1/true/yes or 0/false/no)`);
}

/** A counter flag (`-v`, `-q`) that came from its environment variable holds the variable's number, not 1. */
export function envCount(program: Command, key: string, variable: string): number {
  const value = program.opts<Record<string, unknown>>()[key];
  if (program.getOptionValueSource(key) !== "env") return (value as number | undefined) ?? 0;
  const n = Number(process.env[variable]);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${variable}: '${process.env[variable]}' is not a count (0, 1, 2...)`);
  return n;
}

/** The `version` of the package.json at `url` (each CLI passes `new URL("../package.json", import.meta.url)`). */
export function packageVersion(url: URL): string {
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}
