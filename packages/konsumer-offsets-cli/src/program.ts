/**
 * The command line: flags, help and exit statuses. `runCli` parses `argv`, runs the command and returns the exit
 * status (0 ok, 1 runtime failure, 2 bad usage) instead of exiting, so tests can drive it in-process.
 */
import type { IsolationLevel, LogLevel } from "@kafkesc/kafka-io";
import { KafkescError, clientOptions, clientSettingsOf, formatFailure, logLevelOption, packageVersion } from "@kafkesc/kafka-io";
import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument, Option } from "commander";
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import type { Readable } from "node:stream";
import { runDecode, runDecodeStream } from "./commands/decode.js";
import { runTail } from "./commands/tail.js";
import { DumpDecodeFailedError, EXIT_USAGE, InvalidArgumentError, InvalidHexError } from "./errors.js";
import { OUTPUT_FORMATS } from "./format/index.js";
import type { FormatOptions, OutputFormat } from "./format/index.js";
import { INPUT_ENCODINGS } from "./input/lines.js";
import type { InputEncoding } from "./input/lines.js";
import { parseBrokers, parseChoice, parseDuration, parseFrom, parseHex, parseInteger, parsePartitions, parseRecordType, parseUntil } from "./options.js";
import type { FromPosition, UntilPosition } from "./options.js";
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
  /** What `decode` reads without `--key` and `--input` (the process's stdin). */
  readonly stdin?: Readable;
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
  key?: Uint8Array;
  value?: Uint8Array;
  input?: string;
  encoding: InputEncoding;
  group: string[];
  topicFilter: string[];
  type: (readonly number[])[];
  format: OutputFormat;
}

/** Flags of `tail`, as commander hands them over. */
interface TailFlags {
  brokers?: string;
  topic: string;
  from: FromPosition;
  partition?: readonly number[];
  until?: UntilPosition;
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
    .description(
      "decode one record given as hex (--key, --value; no --value: a tombstone), or without --key a dump, one record per line, " +
        "from stdin or --input: {\"key\",\"value\"} JSON in hex or base64, kcat -J envelopes, tail --format json output, KEY<TAB>VALUE hex",
    )
    .option("-k, --key <hex>", "the record's key bytes, hex", flag("--key", parseHex))
    .option("-v, --value <hex>", "the record's value bytes, hex (omit for a tombstone)", flag("--value", parseHex))
    .option("-i, --input <file>", "read the dump from this file instead of stdin (- for stdin)")
    .addOption(
      new Option("--encoding <encoding>", "how a dump's key and value strings are written: auto (per field: hex, else base64; raw bytes in kcat envelopes), hex, base64")
        .choices(INPUT_ENCODINGS)
        .default("auto"),
    )
    .option("-g, --group <group>", "dump: only records of this group (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--topic-filter <topic>", "dump: only offset commits of this topic (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option("--type <type>", "dump: only records of this type, a number or a name (repeatable, as for tail)", repeatable("--type", parseRecordType), [])
    .addOption(formatOption())
    .action(async (flags: DecodeFlags) => {
      const output = outputOptions(flags.format, io);
      if (flags.key === undefined) {
        if (flags.value !== undefined) throw new InvalidArgumentError("--value", "needs --key (without --key, decode reads a dump from stdin or --input)");
        const filter = { groups: new Set(flags.group), topics: new Set(flags.topicFilter), types: new Set(flags.type.flat()) };
        const result = await runDecodeStream({ ...(await openInput(flags.input, io)), encoding: flags.encoding, filter, output }, io.stdout, io.stderr, io.signal);
        if (result.failed > 0) throw new DumpDecodeFailedError(result.failed, result.records);
        return;
      }
      if (flags.input !== undefined) throw new InvalidArgumentError("--input", "cannot be used with --key (one record, or a dump: not both)");
      if (flags.group.length + flags.topicFilter.length + flags.type.length > 0) throw new InvalidArgumentError("--group/--topic-filter/--type", "filter a dump, not one --key record");
      const line = runDecode({ key: flags.key, value: flags.value ?? null, output });
      if (line !== null) await io.stdout.writeLine(line);
      else await io.stderr.writeLine("konsumer-offsets: Kafka's console formatters print nothing for this record type (they print types 0-2)");
    });

  const tail = withEnvironment(program.command("tail"))
    .description("read __consumer_offsets from a live cluster and print decoded records, one per line")
    .option("-b, --brokers <host:port,...>", "bootstrap servers (or bootstrap.servers in --config-file)", flag("--brokers", parseBrokers))
    .option("-t, --topic <name>", "topic to read (a copy of __consumer_offsets works too)", "__consumer_offsets")
    .option(
      "--from <position>",
      "where to start: beginning, end, an offset per partition (0:1200,3:42; only those partitions), a time (2026-12-01T10:00:00Z: the first record at or after it) or a time ago (-15m)",
      flag("--from", (name, value) => parseFrom(name, value)),
      "beginning",
    )
    .option("-p, --partition <partitions>", "only these partitions: 0,3,5", flag("--partition", parsePartitions))
    .option(
      "--until <position>",
      "stop each partition here and exit 0: end (the end offsets at start), an offset per partition (0:1500,3:80; records before it), a time (records at or before it) or a time ago (-5m)",
      flag("--until", (name, value) => parseUntil(name, value)),
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
          partitions: flags.partition,
          until: flags.until,
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

/** The dump: `--input FILE` (checked before reading: a missing file is a usage error), or stdin. */
async function openInput(file: string | undefined, io: CliIo): Promise<{ input: Readable; inputName: string }> {
  if (file === undefined || file === "-") {
    const input = io.stdin ?? process.stdin;
    input.setEncoding("latin1");
    return { input, inputName: "stdin" };
  }
  try {
    await access(file);
  } catch (error) {
    throw new InvalidArgumentError("--input", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return { input: createReadStream(file, { encoding: "latin1" }), inputName: file };
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
