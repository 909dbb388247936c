/**
 * The command line: flags (the Rust ksunami 0.1.10's, plus ours), each with an environment variable
 * (`KSUNAMI_<FLAG>`), short help (`-h`) and long help (`--help`). Pure: parses, never exits.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
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
export const VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Environment variable of each option that can come from the environment (repeatable ones take one entry per line). */
export const ENVIRONMENT: Readonly<Record<keyof RawOptions, string>> = {
  brokers: "KSUNAMI_BROKERS", clientId: "KSUNAMI_CLIENT_ID", partitioner: "KSUNAMI_PARTITIONER", config: "KSUNAMI_CONFIG",
  topic: "KSUNAMI_TOPIC", key: "KSUNAMI_KEY", payload: "KSUNAMI_PAYLOAD", partition: "KSUNAMI_PARTITION", head: "KSUNAMI_HEAD",
  min: "KSUNAMI_MIN", minSec: "KSUNAMI_MIN_SEC", max: "KSUNAMI_MAX", maxSec: "KSUNAMI_MAX_SEC", up: "KSUNAMI_UP",
  upSec: "KSUNAMI_UP_SEC", down: "KSUNAMI_DOWN", downSec: "KSUNAMI_DOWN_SEC", verbose: "KSUNAMI_VERBOSE", quiet: "KSUNAMI_QUIET",
  log: "KSUNAMI_LOG", plan: "KSUNAMI_PLAN", planSvg: "KSUNAMI_PLAN_SVG", binaryNumbers: "KSUNAMI_BINARY_NUMBERS",
  cycles: "KSUNAMI_CYCLES", duration: "KSUNAMI_DURATION", speed: "KSUNAMI_SPEED", alignToClock: "KSUNAMI_ALIGN_TO_CLOCK",
  seed: "KSUNAMI_SEED", metricsPort: "KSUNAMI_METRICS_PORT", maxInFlight: "KSUNAMI_MAX_IN_FLIGHT",
  flushTimeout: "KSUNAMI_FLUSH_TIMEOUT", statusInterval: "KSUNAMI_STATUS_INTERVAL", maxLag: "KSUNAMI_MAX_LAG",
};

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const count = (_: string, previous: number | undefined): number => (previous ?? 0) + 1;

/** Builds the commander program (exits and output are left to the caller). */
export function buildProgram(): Command {
  const program = new Command("ksunami")
    .description("Produce a constant, configurable, cyclical stream of records to a Kafka topic: a wave of min, up, max, down phases.")
    .helpOption(false)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .version(VERSION, "-V, --version", "print the version");
  const add = (flags: string, description: string, key: keyof RawOptions, shown?: string): void => {
    const shownDefault = shown === undefined ? "" : ` (default: ${shown})`;
    program.addOption(new Option(flags, `${description}${shownDefault} [env: ${ENVIRONMENT[key]}]`));
  };
  add("-b, --brokers <HOST:PORT,...>", "Kafka bootstrap servers", "brokers");
  add("--client-id <ID>", "producer client.id", "clientId", DEFAULTS.clientId);
  add("--partitioner <NAME>", `partitioner: ${PARTITIONERS.join(", ")}`, "partitioner", DEFAULTS.partitioner);
  program.addOption(new Option("-c, --config <KEY:VALUE>", `librdkafka producer setting (repeatable; KEY=VALUE too) [env: ${ENVIRONMENT.config}, one per line]`).argParser(collect));
  add("-t, --topic <TOPIC>", "destination topic (must exist)", "topic");
  add("-k, --key <TYPE:INPUT>", "record key: string:STR, file:PATH, alpha:LEN, bytes:LEN, int:MIN-MAX, float:MIN-MAX", "key", "none");
  add("-p, --payload <TYPE:INPUT>", "record payload, same types as --key", "payload", "none");
  add("--partition <N>", "destination partition; -1: the partitioner decides", "partition", DEFAULTS.partition);
  program.addOption(new Option("--head <KEY:VALUE>", `record header (repeatable, order and duplicates kept) [env: ${ENVIRONMENT.head}, one per line]`).argParser(collect));
  add("--min <REC/SEC>", "rate of the min phase (records/s, may be fractional)", "min");
  add("--min-sec <SEC>", "duration of the min phase", "minSec", DEFAULTS.minSec);
  add("--max <REC/SEC>", "rate of the max phase (records/s, >= --min)", "max");
  add("--max-sec <SEC>", "duration of the max phase", "maxSec", DEFAULTS.maxSec);
  add("--up <TRANSITION>", "transition from min to max (see --help)", "up", DEFAULTS.up);
  add("--up-sec <SEC>", "duration of the up transition", "upSec", DEFAULTS.upSec);
  add("--down <TRANSITION>", "transition from max to min (see --help)", "down", DEFAULTS.down);
  add("--down-sec <SEC>", "duration of the down transition", "downSec", DEFAULTS.downSec);
  program.addOption(new Option("-v, --verbose", "more logs: -v info, -vv debug, -vvv trace").argParser(count));
  program.addOption(new Option("-q, --quiet", "fewer logs: -q error (and no statistics), -qq off").argParser(count));
  add("--plan", "print one cycle of the wave (chart, records and bytes per cycle) and exit without connecting", "plan");
  add("--plan-svg <FILE>", "with --plan: also write the chart as SVG to FILE", "planSvg");
  add("--binary-numbers", "write int: and float: values as 8-byte big-endian binary (as the Rust ksunami) instead of text", "binaryNumbers");
  add("--cycles <N>", "stop after N cycles", "cycles");
  add("--duration <SEC>", "stop after SEC seconds", "duration");
  add("--speed <X>", "compress time X-fold: phases last 1/X of their durations, rates unchanged", "speed", DEFAULTS.speed);
  add("--align-to-clock", "start at the wall clock's position in the wave (cycles counted from the Unix epoch), so processes stay in phase", "alignToClock");
  add("--seed <N>", "seed of generated keys and payloads (reproducible content)", "seed", "random");
  add("--metrics-port <PORT>", "serve Prometheus metrics on http://0.0.0.0:PORT/metrics", "metricsPort");
  add("--max-in-flight <N>", "most records produced but not yet acknowledged (back-pressure beyond)", "maxInFlight", DEFAULTS.maxInFlight);
  add("--flush-timeout <SEC>", "on stop, how long to wait for in-flight records", "flushTimeout", DEFAULTS.flushTimeout);
  add("--status-interval <SEC>", "seconds between status updates", "statusInterval", DEFAULTS.statusInterval);
  add("--max-lag <SEC>", "largest lag behind schedule to catch up; records due longer ago are skipped and reported", "maxLag", DEFAULTS.maxLag);
  program.addOption(new Option("-h", "print short help"));
  program.addOption(new Option("--help", "print long help, with every value explained"));
  return program;
}

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
  alpha:LENGTH    LENGTH random characters from [A-Za-z0-9]
  bytes:LENGTH    LENGTH random bytes
  int:MIN-MAX     a random integer in [MIN, MAX], e.g. int:-10--1 (text; --binary-numbers: 8-byte big-endian)
  float:MIN-MAX   a random number in [MIN, MAX] (text; --binary-numbers: 8-byte big-endian IEEE 754)

Partitioners (--partitioner): random, consistent (CRC32 of the key), consistent_random (CRC32, random when keyless),
  murmur2 (as Java's default partitioner for keyed records), murmur2_random (keyless: random), fnv1a, fnv1a_random.

Producer settings (-c/--config KEY:VALUE): any librdkafka producer property,
  https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md. An unknown one is an error.

Logs: -v info, -vv debug, -vvv trace; -q error, -qq off; or KSUNAMI_LOG=trace|debug|info|warn|error|off (default warn).
Statistics (status line on a terminal, a log line every --status-interval otherwise; a summary on exit) are shown unless -q.

Every flag can come from its environment variable (shown with each flag); a flag on the command line wins.
Boolean variables take 1/true/yes. KSUNAMI_CONFIG and KSUNAMI_HEAD take one KEY:VALUE per line.

Exit codes: 0 done, every record delivered; 1 some records failed; 2 bad flag or value (nothing was sent).
`;
}

/** Parses argv (without node and the script) and the environment. Throws `KsunamiOptionsError` on bad input. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CommandLine {
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
  const raw: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(ENVIRONMENT) as [keyof RawOptions, string][]) {
    const value = given[key];
    if (value !== undefined) raw[key] = value;
    else if (env[variable] !== undefined && env[variable] !== "") raw[key] = fromEnvironment(key, variable, env[variable]);
  }
  return { kind: "options", options: resolveOptions(raw as RawOptions) };
}

const BOOLEAN_KEYS: ReadonlySet<keyof RawOptions> = new Set(["plan", "binaryNumbers", "alignToClock"]);
const LIST_KEYS: ReadonlySet<keyof RawOptions> = new Set(["config", "head"]);
const COUNT_KEYS: ReadonlySet<keyof RawOptions> = new Set(["verbose", "quiet"]);

function fromEnvironment(key: keyof RawOptions, variable: string, value: string): unknown {
  if (LIST_KEYS.has(key)) return value.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (BOOLEAN_KEYS.has(key)) {
    const v = value.trim().toLowerCase();
    if (["1", "true", "yes"].includes(v)) return true;
    if (["0", "false", "no"].includes(v)) return undefined;
    throw new KsunamiOptionsError("INVALID_ARGUMENT", `${variable}: '${value}' is not a boolean (1/true/yes or 0/false/no)`, variable);
  }
  if (COUNT_KEYS.has(key)) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new KsunamiOptionsError("INVALID_ARGUMENT", `${variable}: '${value}' is not a count (0, 1, 2...)`, variable);
    return n;
  }
  return value;
}
