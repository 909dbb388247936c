/**
 * Command-line flags, in the style of the Rust kommitted, each also settable by an environment variable
 * (`KOMMITTED_` + the flag in upper snake case, e.g. `KOMMITTED_BROKERS`). Parsing is pure: it returns a validated
 * `Config`, or throws a `KommittedError` with code `INVALID_FLAG` naming the flag and the value (or a kafka-io
 * `ClientSettingError`/`ConfigFileError` for client settings), all ending with exit code 2.
 */
import type { LogLevel } from "@kafkesc/kafka-io";
import { checkClientConfig, clientOptions, clientSettingsOf, logLevelOption, packageVersion, parseDuration, resolveClientSettings, resolveLogLevel } from "@kafkesc/kafka-io";
import { Command, CommanderError, Option } from "commander";
import type { Config, OffsetsSource } from "./config.js";
import { DEFAULTS, kafkaClientConfig, OFFSETS_SOURCES } from "./config.js";
import { KommittedError } from "./errors.js";
import { compilePatterns, splitPatterns } from "./filters.js";
import type { LagMode } from "./lag/snapshot.js";
import { LAG_MODES } from "./lag/snapshot.js";

export { parseDuration };

/** What parsing produced: a config to run with, or text to print and exit with (help, version). */
export type ParseOutcome = { kind: "run"; config: Config } | { kind: "exit"; code: number; output: string };

/** kommitted's version, from its package.json. */
const VERSION = packageVersion(new URL("../package.json", import.meta.url));
/** Prefix of every environment variable. */
const ENV = "KOMMITTED_";

/** Parses `argv` (without the node and script entries) and the `KOMMITTED_*` environment variables of `process.env`. */
export function parseArgs(argv: readonly string[]): ParseOutcome {
  let output = "";
  const program = new Command("kommitted")
    .description("Consumer-group lag in offsets and in time, from __consumer_offsets, as Prometheus metrics and a REST API.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => (output += s), writeErr: (s) => (output += s) })
    .allowExcessArguments(false)
    .addOption(new Option("-b, --brokers <HOST:PORT,...>", "Kafka bootstrap servers (or bootstrap.servers in --config-file)").env("KOMMITTED_BROKERS"))
    .addOption(new Option("--client-id <ID>", "client.id of kommitted's Kafka clients").env("KOMMITTED_CLIENT_ID").default(DEFAULTS.clientId))
    .addOption(new Option("--cluster-id <ID>", "value of the cluster_id label of every metric").env("KOMMITTED_CLUSTER_ID").default(DEFAULTS.clusterId))
    .addOption(new Option("--history <N>", "end-offset samples kept per partition for time-lag estimation (thinned when full: the old part gets coarser, the span is kept)").env("KOMMITTED_HISTORY").default(String(DEFAULTS.history)))
    .addOption(
      new Option("--history-ready-at <FRACTION>", "fraction of --history polls to complete (after the offsets replay) before /readyz says ready (30 polls at the defaults)")
        .env("KOMMITTED_HISTORY_READY_AT")
        .default(String(DEFAULTS.historyReadyAt)),
    )
    .addOption(
      new Option("--old-generation-step <MB>", "collect V8's old generation once it grew this many MB past its live set, trading CPU for memory (0: V8's own sizing)")
        .env("KOMMITTED_OLD_GENERATION_STEP")
        .default(String(DEFAULTS.oldGenerationStepMb)),
    )
    .addOption(new Option("--host <HOST>", "HTTP listen address").env("KOMMITTED_HOST").default(DEFAULTS.host))
    .addOption(new Option("--port <PORT>", "HTTP listen port (0: any free port)").env("KOMMITTED_PORT").default(String(DEFAULTS.port)))
    .addOption(new Option("--poll-interval <DURATION>", "time between end-offset polls, e.g. 1s, 500ms").env("KOMMITTED_POLL_INTERVAL").default(`${DEFAULTS.pollIntervalMs}ms`))
    .addOption(
      new Option("--lag-mode <MODE>", "time-lag method: auto (interpolate the offset history where it covers the committed offset, read the record's timestamp where it does not), estimate (history only) or exact (always read record timestamps)")
        .env("KOMMITTED_LAG_MODE")
        .choices(LAG_MODES)
        .default(DEFAULTS.lagMode),
    )
    .addOption(
      new Option("--source <SOURCE>", "where groups and committed offsets come from: topic (read __consumer_offsets), admin (the Admin API: ListGroups, DescribeGroups, OffsetFetch; no commit times) or auto (the topic if it can be read, else admin)")
        .env("KOMMITTED_SOURCE")
        .choices(OFFSETS_SOURCES)
        .default(DEFAULTS.source),
    )
    .addOption(new Option("--admin-concurrency <N>", "Admin API requests in flight at once with the admin source").env("KOMMITTED_ADMIN_CONCURRENCY").default(String(DEFAULTS.adminConcurrency)))
    .addOption(new Option("--offsets-topic <TOPIC>", "topic to read offsets from (another name replays a captured dump)").env("KOMMITTED_OFFSETS_TOPIC").default(DEFAULTS.offsetsTopic))
    .addOption(
      new Option("--share-state-topic <TOPIC>", "topic to read share groups' progress from (read once it exists)").env("KOMMITTED_SHARE_STATE_TOPIC").default(DEFAULTS.shareStateTopic),
    )
    .addOption(new Option("--groups <REGEX>", "report only groups whose whole name matches (repeatable, or comma-separated)").env("KOMMITTED_GROUPS").argParser(collectPatterns))
    .addOption(new Option("--groups-exclude <REGEX>", "leave out groups whose whole name matches (repeatable, or comma-separated)").env("KOMMITTED_GROUPS_EXCLUDE").argParser(collectPatterns))
    .addOption(new Option("--topics <REGEX>", "report only topics whose whole name matches (repeatable, or comma-separated)").env("KOMMITTED_TOPICS").argParser(collectPatterns))
    .addOption(new Option("--topics-exclude <REGEX>", "leave out topics whose whole name matches (repeatable, or comma-separated)").env("KOMMITTED_TOPICS_EXCLUDE").argParser(collectPatterns))
    .addOption(new Option("--health-window <POLLS>", "polls in the health window (WARN and STALL need a full window)").env("KOMMITTED_HEALTH_WINDOW").default(String(DEFAULTS.healthWindow)))
    .addOption(new Option("--stop-after <DURATION>", "commit age beyond which a lagging partition is STOP").env("KOMMITTED_STOP_AFTER").default(`${DEFAULTS.stopAfterMs}ms`))
    .addOption(new Option("--metadata-refresh <DURATION>", "longest time between topic metadata refreshes").env("KOMMITTED_METADATA_REFRESH").default(`${DEFAULTS.metadataRefreshMs}ms`))
    .addOption(new Option("--exact-concurrency <N>", "partitions read at once to fetch record timestamps (auto and exact modes)").env("KOMMITTED_EXACT_CONCURRENCY").default(String(DEFAULTS.exactConcurrency)))
    .addOption(new Option("--request-timeout <DURATION>", "bound on Kafka requests").env("KOMMITTED_REQUEST_TIMEOUT").default(`${DEFAULTS.requestTimeoutMs}ms`))
    .addOption(new Option("-v, --verbose", "more logs (-v info, -vv debug, -vvv trace)").argParser(increase).default(0))
    .addOption(new Option("-q, --quiet", "fewer logs (-q error, -qq silent)").argParser(increase).default(0))
    .addOption(logLevelOption(ENV));
  for (const option of clientOptions(ENV)) program.addOption(option);
  // --kafka-conf (KOMMITTED_KAFKA_CONF), the Rust kommitted's name of -c/--config, is still read; -c entries win.
  program.addOption(new Option("--kafka-conf <KEY:VALUE>").env(`${ENV}KAFKA_CONF`).argParser((v: string, p: string[] | undefined) => [...(p ?? []), ...v.split(/\r?\n/).filter((l) => l.trim() !== "")]).hideHelp());

  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) return { kind: "exit", code: 0, output };
      throw new KommittedError("INVALID_FLAG", error.message.replace(/^error: /, ""), { commanderCode: error.code }, { cause: error });
    }
    throw error;
  }
  const o = program.opts<Record<string, string | number | string[] | undefined>>();
  const settings = clientSettings(program, o.kafkaConf as string[] | undefined);
  const brokers = (o.brokers as string | undefined) ?? settings.config["bootstrap.servers"];
  if (brokers === undefined) throw new KommittedError("INVALID_FLAG", "required option '-b, --brokers <HOST:PORT,...>' not specified (or set KOMMITTED_BROKERS, or bootstrap.servers in --config-file)", { flag: "--brokers" });
  const config: Config = {
    brokers: nonEmpty("--brokers", brokers),
    clientId: nonEmpty("--client-id", o.clientId as string),
    kafkaConfig: settings.config,
    settings,
    connectTimeoutMs: o.connectTimeout as number,
    clusterId: o.clusterId as string,
    history: integer("--history", o.history as string, 2, 1_000_000),
    historyReadyAt: fraction("--history-ready-at", o.historyReadyAt as string),
    oldGenerationStepMb: integer("--old-generation-step", o.oldGenerationStep as string, 0, 1024),
    host: nonEmpty("--host", o.host as string),
    port: integer("--port", o.port as string, 0, 65535),
    logLevel: resolveLogLevel(o.logLevel as LogLevel | undefined, o.verbose as number, o.quiet as number),
    pollIntervalMs: duration("--poll-interval", o.pollInterval as string, 10),
    lagMode: o.lagMode as LagMode,
    source: o.source as OffsetsSource,
    adminConcurrency: integer("--admin-concurrency", o.adminConcurrency as string, 1, 1000),
    offsetsTopic: nonEmpty("--offsets-topic", o.offsetsTopic as string),
    shareStateTopic: nonEmpty("--share-state-topic", o.shareStateTopic as string),
    healthWindow: integer("--health-window", o.healthWindow as string, 2, 10_000),
    stopAfterMs: duration("--stop-after", o.stopAfter as string, 1),
    metadataRefreshMs: duration("--metadata-refresh", o.metadataRefresh as string, 100),
    exactConcurrency: integer("--exact-concurrency", o.exactConcurrency as string, 1, 100_000),
    requestTimeoutMs: duration("--request-timeout", o.requestTimeout as string, 100),
    groups: compilePatterns("--groups", patterns(program, "groups")),
    groupsExclude: compilePatterns("--groups-exclude", patterns(program, "groupsExclude")),
    topics: compilePatterns("--topics", patterns(program, "topics")),
    topicsExclude: compilePatterns("--topics-exclude", patterns(program, "topicsExclude")),
  };
  // librdkafka checks every setting now, so that a typo ends here (exit 2) and not as a consumer that never connects
  checkClientConfig(kafkaClientConfig(config), settings, "consumer");
  return { kind: "run", config };
}

/** Client settings from --config-file, then --kafka-conf, then -c/--config (later ones win). */
function clientSettings(program: Command, kafkaConf: readonly string[] | undefined) {
  if (kafkaConf === undefined || kafkaConf.length === 0) return clientSettingsOf(program, ENV);
  const o = program.opts<Record<string, unknown>>();
  const flags = [...kafkaConf, ...((o["config"] as string[] | undefined) ?? [])];
  return resolveClientSettings({ file: o["configFile"] as string | undefined, flags, flagSource: "-c/--config" });
}

/** The patterns a filter flag collected (none when not given). */
function patterns(program: Command, attribute: string): string[] {
  return (program.getOptionValue(attribute) as string[] | undefined) ?? [];
}

/** Accumulates the patterns of a repeatable filter flag (each value may hold several, comma- or newline-separated). */
function collectPatterns(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...splitPatterns(value)];
}

function increase(_value: string, previous: number): number {
  return previous + 1;
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === "") throw new KommittedError("INVALID_FLAG", `${flag} must not be empty`, { flag, value });
  return value.trim();
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new KommittedError("INVALID_FLAG", `${flag} must be an integer from ${min} to ${max}, got '${value}'`, { flag, value });
  }
  return n;
}

function fraction(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new KommittedError("INVALID_FLAG", `${flag} must be a number from 0 to 1, got '${value}'`, { flag, value });
  return n;
}

function duration(flag: string, value: string, minMs: number): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms < minMs) throw new KommittedError("INVALID_FLAG", `${flag} must be a duration of at least ${minMs} ms (e.g. 500ms, 2s, 1m), got '${value}'`, { flag, value });
  return ms;
}
