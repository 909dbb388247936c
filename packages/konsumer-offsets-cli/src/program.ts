/**
 * The command line: flags, help and exit statuses. `runCli` parses `argv`, runs the command and returns the exit
 * status (0 ok, 1 runtime failure, 2 bad usage) instead of exiting, so tests can drive it in-process.
 */
import type { IsolationLevel, LogLevel, StartPosition } from "@kafkesc/kafka-io";
import { KafkescError, clientOptions, clientSettingsOf, formatFailure, logLevelOption, packageVersion } from "@kafkesc/kafka-io";
import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument, Option } from "commander";
import { runDecode } from "./commands/decode.js";
import { runTail } from "./commands/tail.js";
import { EXIT_USAGE, InvalidArgumentError, InvalidHexError } from "./errors.js";
import { OUTPUT_FORMATS } from "./format/index.js";
import type { FormatOptions, OutputFormat } from "./format/index.js";
import { parseBrokers, parseChoice, parseDuration, parseHex, parseInteger, parseRecordType } from "./options.js";
import { LineSink } from "./output.js";
import { recordTypeNames } from "./record-types.js";

/** The process around the CLI: where output goes and whether it is a terminal. */
export interface CliIo {
  /** Records (stdout). */
  readonly stdout: LineSink;
  /** Errors, decode failures, warnings (stderr). */
  readonly stderr: LineSink;
  /** Colour the `pretty` format (stdout is a TTY and `NO_COLOR` is unset). */
  readonly colour: boolean;
  /** Aborted on SIGINT/SIGTERM: `tail` then stops cleanly. */
  readonly signal: AbortSignal;
}

/** CLI version, printed by `--version`, from the package's package.json. */
export const CLI_VERSION = packageVersion(new URL("../package.json", import.meta.url));
/** Prefix of every environment variable: `KONSUMER_OFFSETS_` + the long flag in upper snake case. */
const ENV = "KONSUMER_OFFSETS_";

/** Gives each option added to `command` that has none its environment variable, `KONSUMER_OFFSETS_<LONG_FLAG>`. */
function withEnvironment(command: Command): Command {
  const add = command.addOption.bind(command);
  // commander listens for an option's variable when the option is added, so the variable is set just before
  command.addOption = (option: Option) => {
    if (option.envVar === undefined && option.long !== undefined) option.env(`${ENV}${option.long.slice(2).replace(/-/g, "_").toUpperCase()}`);
    return add(option);
  };
  return command;
}

/** Wraps one of our parsers for commander, which reports the error with the flag and the bad value. */
function flag<T>(name: string, parse: (flag: string, value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(name, value);
    } catch (error) {
      if (error instanceof InvalidArgumentError || error instanceof InvalidHexError) {
        throw new CommanderInvalidArgument(error.reason);
      }
      throw error;
    }
  };
}

/** Like `flag`, for repeatable flags: collects every occurrence. */
function repeatable<T>(name: string, parse: (flag: string, value: string) => T): (value: string, previous: T[]) => T[] {
  const one = flag(name, parse);
  return (value, previous) => [...previous, one(value)];
}

/** Flags of `decode`, as commander hands them over. */
interface DecodeFlags {
  key: Uint8Array;
  value?: Uint8Array;
  format: OutputFormat;
}

/** Flags of `tail`, as commander hands them over. */
interface TailFlags {
  brokers?: string;
  topic: string;
  from: StartPosition;
  isolation: IsolationLevel;
  group: string[];
  topicFilter: string[];
  type: (readonly number[])[];
  format: OutputFormat;
  maxRecords?: number;
  timeout?: number;
  exitAtEnd: boolean;
  connectTimeout: number;
  logLevel?: LogLevel;
}

function formatOption(): Option {
  return new Option("-f, --format <format>", "output format: json (ours, everything decoded), kafka (as Kafka's console formatters), pretty (human-readable)")
    .choices(OUTPUT_FORMATS)
    .default("json");
}

/** Builds the commander program; output of commands goes through `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command("konsumer-offsets")
    .description("Decode Kafka's __consumer_offsets records: one given as hex, or live from a cluster.")
    .version(CLI_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.writeLine(text.replace(/\n$/, "")),
      writeErr: (text) => void io.stderr.writeLine(text.replace(/\n$/, "")),
    });

  withEnvironment(program.command("decode"))
    .description("decode one record given as hex and print it (no --value: a tombstone)")
    .requiredOption("-k, --key <hex>", "the record's key bytes, hex", flag("--key", parseHex))
    .option("-v, --value <hex>", "the record's value bytes, hex (omit for a tombstone)", flag("--value", parseHex))
    .addOption(formatOption())
    .action(async (flags: DecodeFlags) => {
      const line = runDecode({ key: flags.key, value: flags.value ?? null, output: outputOptions(flags.format, io) });
      if (line !== null) await io.stdout.writeLine(line);
      else await io.stderr.writeLine("konsumer-offsets: Kafka's console formatters print nothing for this record type (they print types 0-2)");
    });

  const tail = withEnvironment(program.command("tail"))
    .description("read __consumer_offsets from a live cluster and print decoded records, one per line")
    .option("-b, --brokers <host:port,...>", "bootstrap servers (or bootstrap.servers in --config-file)", flag("--brokers", parseBrokers))
    .option("-t, --topic <name>", "topic to read (a copy of __consumer_offsets works too)", "__consumer_offsets")
    .addOption(
      new Option("--from <position>", "start of every partition, or its current end").choices(["beginning", "end"]).default("beginning"),
    )
    .addOption(
      new Option("--isolation <level>", "read_uncommitted also shows offsets of aborted and open transactions")
        .choices(["read_committed", "read_uncommitted"])
        .default("read_committed"),
    )
    .option("-g, --group <group>", "only records of this group (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--topic-filter <topic>", "only offset commits of this topic (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option(
      "--type <type>",
      `only records of this type, a number or a name (repeatable): ${recordTypeNames().join(", ")}`,
      repeatable("--type", parseRecordType),
      [],
    )
    .addOption(formatOption())
    .option("-n, --max-records <count>", "stop after printing this many records", flag("--max-records", (name, value) => parseInteger(name, value, 1)))
    .option("--timeout <duration>", "stop after this long: 500ms, 30s, 5m (bare number: ms)", flag("--timeout", parseDuration))
    .option("--exit-at-end", "stop once every partition has been read to its end", false)
    .addOption(logLevelOption(ENV));
  for (const option of clientOptions(ENV)) tail.addOption(option);
  tail.action(async (flags: TailFlags) => {
      const settings = clientSettingsOf(tail, ENV);
      const brokers = flags.brokers ?? settings.config["bootstrap.servers"];
      if (brokers === undefined) throw new InvalidArgumentError("--brokers", "required (or KONSUMER_OFFSETS_BROKERS, or bootstrap.servers in --config-file)");
      const level = flags.logLevel ?? "warn";
      await runTail(
        {
          brokers: parseBrokers("--brokers", brokers),
          topic: flags.topic,
          from: flags.from,
          isolation: flags.isolation,
          settings,
          warnings: level === "warn" || level === "info" || level === "debug" || level === "trace",
          filter: {
            groups: new Set(flags.group),
            topics: new Set(flags.topicFilter),
            types: new Set(flags.type.flat()),
          },
          output: outputOptions(flags.format, io),
          maxRecords: flags.maxRecords,
          timeoutMs: flags.timeout,
          exitAtEnd: flags.exitAtEnd,
          connectTimeoutMs: flags.connectTimeout,
        },
        io.stdout,
        io.stderr,
        io.signal,
      );
    });

  return program;
}

function outputOptions(format: OutputFormat, io: CliIo): FormatOptions {
  return { format: parseChoice("--format", format, OUTPUT_FORMATS), colour: io.colour };
}

/** Parses `args` (without `node` and the script), runs the command and returns the exit status. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they already printed what they had to.
      if (error.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    const level = program.commands.find((c) => c.name() === "tail")?.opts<{ logLevel?: LogLevel }>().logLevel;
    await io.stderr.writeLine(formatFailure("konsumer-offsets", error, level === "debug" || level === "trace"));
    return error instanceof KafkescError ? error.exitCode : 1;
  }
}
