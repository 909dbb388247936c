/**
 * The command line: flags (the Rust ksunami 0.1.10's, plus ours), each with an environment variable
 * (`KSUNAMI_<FLAG>`), short help (`-h`) and long help (`--help`). Pure: parses, never exits.
 */
import type { LogLevel } from "@kafkesc/kafka-io";
import { LOG_LEVELS, NO_SETTINGS, clientOptions, clientSettingsOf, envBoolean, envCount, logLevelOption, packageVersion, parseLogLevel } from "@kafkesc/kafka-io";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { KsunamiOptionsError } from "./errors.js";
import type { KsunamiOptions, RawOptions } from "./options.js";
import { DEFAULTS, PARTITIONERS, resolveOptions } from "./options.js";
import { NAMED_TRANSITIONS } from "./wave/curves.js";

/** What the command line asks for. */
export type CommandLine =
  | { readonly kind: "help"; /** Text to print on stdout. */ readonly text: string }
  | { readonly kind: "version"; readonly text: string }
  | { readonly kind: "options"; readonly options: KsunamiOptions };

/** ksunami's version, from its package.json. */
export const VERSION: string = packageVersion(new URL("../package.json", import.meta.url));

/** Prefix of every environment variable: `KSUNAMI_` + the long flag in upper snake case. */
const ENV = "KSUNAMI_";

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), ...value.split(/\r?\n/).filter((line) => line.trim() !== "")];
const count = (_: string, previous: number | undefined): number => (previous ?? 0) + 1;

/** Builds the commander program (exits and output are left to the caller); every flag has its `KSUNAMI_*` variable. */
export function buildProgram(): Command {
  const program = new Command("ksunami")
    .description("Produce a constant, configurable, cyclical stream of records to a Kafka topic: a wave of min, up, max, down phases.")
    .helpOption(false)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .version(VERSION, "-V, --version", "print the version");
  const add = (flags: string, description: string, shown?: string): Option => {
    const option = new Option(flags, shown === undefined ? description : `${description} (default: ${shown})`);
    option.env(`${ENV}${option.attributeName().replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
    program.addOption(option);
    return option;
  };
  add("-b, --brokers <HOST:PORT,...>", "Kafka bootstrap servers (or bootstrap.servers in --config-file)");
  add("--client-id <ID>", "producer client.id", DEFAULTS.clientId);
  add("--partitioner <NAME>", `partitioner: ${PARTITIONERS.join(", ")}`, DEFAULTS.partitioner);
  for (const option of clientOptions(ENV, { bareUnit: "s" })) program.addOption(option);
  add("-t, --topic <TOPIC[:WEIGHT]>", "destination topic (must exist); repeat for several topics sharing one wave, records split by weight (default 1)").argParser(collect);
  add("-k, --key <TYPE:INPUT>", "record key: string:STR, file:PATH, file-lines:PATH, file-lines-random:PATH, files:DIR, files-random:DIR, alpha:LEN, bytes:LEN, int:MIN-MAX, float:MIN-MAX", "none");
  add("-p, --payload <TYPE:INPUT>", "record payload, same types as --key", "none");
  add("--partition <N>", "destination partition; -1: the partitioner decides", DEFAULTS.partition);
  add("--head <KEY:VALUE>", "record header (repeatable, order and duplicates kept; one per line in the variable)").argParser(collect);
  add("--min <REC/SEC>", "rate of the min phase (records/s, may be fractional)");
  add("--min-sec <DURATION>", "duration of the min phase (bare number: seconds)", DEFAULTS.minSec);
  add("--max <REC/SEC>", "rate of the max phase (records/s, >= --min)");
  add("--max-sec <DURATION>", "duration of the max phase", DEFAULTS.maxSec);
  add("--up <TRANSITION>", "transition from min to max (see --help)", DEFAULTS.up);
  add("--up-sec <DURATION>", "duration of the up transition", DEFAULTS.upSec);
  add("--down <TRANSITION>", "transition from max to min (see --help)", DEFAULTS.down);
  add("--down-sec <DURATION>", "duration of the down transition", DEFAULTS.downSec);
  add("-v, --verbose", "more logs: -v info, -vv debug, -vvv trace").argParser(count);
  add("-q, --quiet", "fewer logs: -q error (and no statistics), -qq silent").argParser(count);
  program.addOption(logLevelOption(ENV));
  // KSUNAMI_LOG, the level's variable before --log-level existed, is still read.
  program.addOption(new Option("--log <LEVEL>").env(`${ENV}LOG`).hideHelp());
  add("--plan", "print one cycle of the wave (chart, records and bytes per cycle) and exit without connecting");
  add("--plan-svg <FILE>", "with --plan: also write the chart as SVG to FILE");
  add("--binary-numbers", "write int: and float: values as 8-byte big-endian binary (as the Rust ksunami) instead of text");
  add("--cycles <N>", "stop after N cycles");
  add("--duration <DURATION>", "stop after this long (bare number: seconds)");
  add("--speed <X>", "compress time X-fold: phases last 1/X of their durations, rates unchanged", DEFAULTS.speed);
  add("--align-to-clock", "start at the wall clock's position in the wave (cycles counted from the Unix epoch), so processes stay in phase");
  add("--seed <N>", "seed of generated keys and payloads (reproducible content)", "random");
  add("--metrics-port <PORT>", "serve Prometheus metrics on http://0.0.0.0:PORT/metrics");
  add("--max-in-flight <N>", "most records produced but not yet acknowledged (back-pressure beyond)", DEFAULTS.maxInFlight);
  add("--flush-timeout <DURATION>", "on stop, how long to wait for in-flight records", DEFAULTS.flushTimeout);
  add("--status-interval <DURATION>", "time between status updates", DEFAULTS.statusInterval);
  add("--max-lag <DURATION>", "largest lag behind schedule to catch up; records due longer ago are skipped and reported", DEFAULTS.maxLag);
  add("--transactional-id <ID>", "produce in transactions with this transactional.id");
  add("--records-per-transaction <N>", "records per transaction: commits follow the wave's rate", DEFAULTS.recordsPerTransaction);
  add("--abort-ratio <FRACTION>", "fraction of transactions aborted instead of committed, 0-1 (drawn with --seed)", DEFAULTS.abortRatio);
  add("--txn-timeout <DURATION>", "bound on each transaction's init, commit and abort", DEFAULTS.txnTimeout);
  add("--shards <N>", "this process produces 1/N of the wave: run N processes (shard indexes 0 to N-1) for the whole wave", DEFAULTS.shards);
  add("--shard-index <I>", "this process's shard, 0 to N-1", "$JOB_COMPLETION_INDEX");
  add("--start-at <INSTANT>", "wave time 0 (ISO 8601 or epoch ms): processes with the same value share the wave's phase; waits if in the future", "now, or a cycle boundary with --align-to-clock or --shards");
  program.addOption(new Option("-h", "print short help"));
  program.addOption(new Option("--help", "print long help, with every value explained"));
  return program;
}

/** Environment variable of each option that has one, by the option's attribute name. */
export const ENVIRONMENT: Readonly<Record<string, string>> = Object.fromEntries(
  buildProgram().options.flatMap((o) => (o.envVar === undefined ? [] : [[o.attributeName(), o.envVar] as const])),
);

/** Long help: what every value means. */
export function longHelpText(): string {
  const curve = (d: "up" | "down") =>
    Object.entries(NAMED_TRANSITIONS[d])
      .map(([name, [x1, y1, x2, y2]]) => `    ${name.padEnd(13)} P1=(${x1},${y1}) P2=(${x2},${y2})`)
      .join("\n");
  return `
The wave: four phases that repeat.
  min   --min records/s for --min-sec seconds
  up    the --up transition, for --up-sec seconds ('none': no duration)
  max   --max records/s for --max-sec seconds
  down  the --down transition, for --down-sec seconds ('none': no duration)
Record i is due when the integral of the rate reaches i, so every window of time carries the area under the curve.

Transitions are cubic Bezier curves in the box from the phase's start (time, rate) to its end, as CSS cubic-bezier():
x is elapsed time, y the rate between --min (0) and --max (1).
  up (from (0,0) to (1,1)):
${curve("up")}
  down (from (0,1) to (1,0)):
${curve("down")}
  none            an instant jump
  cubic-bezier(x1,y1,x2,y2)  any curve, coordinates in [0,1]

Keys and payloads (--key, --payload), TYPE:INPUT:
  string:STR      the text STR
  file:PATH       the bytes of the file at PATH
  file-lines:PATH the file's lines, one per record, in order (wrapping around; empty lines skipped)
  file-lines-random:PATH  a random line per record (reproducible with --seed)
  files:DIR       the files of DIR, one per record, by name (wrapping around); file-lines:DIR is the same
  files-random:DIR        a random file of DIR per record (reproducible with --seed)
                  (files are read once, at start, at most 1 GiB per flag; memory: their bytes + 16 bytes per value)
  alpha:LENGTH    LENGTH random characters from [A-Za-z0-9]
  bytes:LENGTH    LENGTH random bytes
  int:MIN-MAX     a random integer in [MIN, MAX], e.g. int:-10--1 (text; --binary-numbers: 8-byte big-endian)
  float:MIN-MAX   a random number in [MIN, MAX] (text; --binary-numbers: 8-byte big-endian IEEE 754)

Partitioners (--partitioner): random, consistent (CRC32 of the key), consistent_random (CRC32, random when keyless),
  murmur2 (as Java's default partitioner for keyed records), murmur2_random (keyless: random), fnv1a, fnv1a_random.

Several topics (-t a:3 -t b:1): one wave, records split by weight in a fixed rotation (smooth weighted round robin),
  so every second carries the ratio; counts per topic in the summary and the metrics.

Transactions (--transactional-id ID): a transaction per --records-per-transaction records, ended when its last record
  is sent (so commits follow the wave); --abort-ratio of them aborted (drawn with --seed). The summary counts both.

Shards (--shards N --shard-index I): N processes produce one wave; record g of the wave (numbered from its origin:
  the Unix epoch, or --start-at) goes to shard (g - 1) mod N. The index defaults to $JOB_COMPLETION_INDEX (Kubernetes
  Indexed Job). Processes agree as long as their clocks do.

Producer settings (-c/--config KEY:VALUE): any librdkafka producer property,
  https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md. An unknown one is an error.

Logs: -v info, -vv debug, -vvv trace; -q error, -qq off; or KSUNAMI_LOG=trace|debug|info|warn|error|off (default warn).
Statistics (status line on a terminal, a log line every --status-interval otherwise; a summary on exit) are shown unless -q.

Every flag can come from its environment variable (shown with each flag); a flag on the command line wins.
Boolean variables take 1/true/yes. KSUNAMI_CONFIG and KSUNAMI_HEAD take one KEY:VALUE per line.

Exit codes: 0 done, every record delivered; 1 some records failed; 2 bad flag or value (nothing was sent).
`;
}

/**
 * Parses argv (without node and the script) and the environment (`process.env` unless given: commander's `.env()`
 * reads `process.env`, so a given one stands in for it while parsing). Throws `KafkescError`s on bad input.
 */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CommandLine {
  const saved = process.env;
  process.env = env;
  try {
    return parse(argv);
  } finally {
    process.env = saved;
  }
}

function parse(argv: readonly string[]): CommandLine {
  const program = buildProgram();
  try {
    program.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.version") return { kind: "version", text: `${VERSION}\n` };
      throw new KsunamiOptionsError("INVALID_ARGUMENT", e.message.replace(/^error: /, ""));
    }
    throw e;
  }
  const given = program.opts<Record<string, unknown>>();
  if (given["help"] === true) return { kind: "help", text: program.helpInformation() + longHelpText() };
  if (given["h"] === true) return { kind: "help", text: program.helpInformation() };
  try {
    const raw: RawOptions = {
      ...(given as RawOptions),
      jobCompletionIndex: process.env.JOB_COMPLETION_INDEX?.trim() || undefined,
      plan: envBoolean(program, "plan", `${ENV}PLAN`),
      binaryNumbers: envBoolean(program, "binaryNumbers", `${ENV}BINARY_NUMBERS`),
      alignToClock: envBoolean(program, "alignToClock", `${ENV}ALIGN_TO_CLOCK`),
      verbose: envCount(program, "verbose", `${ENV}VERBOSE`),
      quiet: envCount(program, "quiet", `${ENV}QUIET`),
      logLevel: (given["logLevel"] as LogLevel | undefined) ?? logFromLegacy(given["log"] as string | undefined),
    };
    const planning = raw.plan === true || raw.planSvg !== undefined;
    return { kind: "options", options: resolveOptions(raw, planning ? NO_SETTINGS : clientSettingsOf(program, ENV)) };
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new KsunamiOptionsError("INVALID_ARGUMENT", e.message);
    throw e;
  }
}

/** `KSUNAMI_LOG`, checked as `--log-level` is. */
function logFromLegacy(text: string | undefined): LogLevel | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const level = parseLogLevel(text);
  if (level === undefined) throw new KsunamiOptionsError("INVALID_LOG_LEVEL", `KSUNAMI_LOG: unknown level '${text}' (expected one of ${LOG_LEVELS.join(", ")}, or off)`, "KSUNAMI_LOG");
  return level;
}
