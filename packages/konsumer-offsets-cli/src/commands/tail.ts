/**
 * `konsumer-offsets tail`: reads `__consumer_offsets` (or a copy of it) from a live cluster, from any start (`--from`:
 * beginning, end, offsets per partition, a time) to an optional bound (`--until`), decodes every record,
 * filters and prints them one per line (or block, for `pretty`). Bounded by `--max-records`, `--timeout`,
 * `--exit-at-end`; stopped cleanly by SIGINT/SIGTERM (through `signal`) or a closed stdout.
 */
import type { ClientSettings, IsolationLevel, RawRecord } from "@kafkesc/kafka-io";
import { readPartitions } from "@kafkesc/kafka-io";
import { decode } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";
import { formatDecodeFailure } from "../decode-failure.js";
import { formatRecord } from "../format/index.js";
import type { FormatOptions, RecordPosition } from "../format/index.js";
import type { LineSink } from "../output.js";
import { matchesFilter } from "../record-filter.js";
import type { RecordFilter } from "../record-filter.js";
import type { FromPosition, UntilPosition } from "../options.js";

/** Everything `tail` needs, already validated. */
export interface TailCommandOptions {
  /** Bootstrap servers. */
  readonly brokers: string;
  /** Topic to read (default `__consumer_offsets`). */
  readonly topic: string;
  /** Start or end of each partition, an offset per partition, or a time (ms). */
  readonly from: FromPosition;
  /** Only these partitions (default: all, or those `from` gives offsets for). */
  readonly partitions?: readonly number[] | undefined;
  /** Stop each partition at the end offsets at start, an offset per partition (exclusive) or a time (ms, inclusive). */
  readonly until?: UntilPosition | undefined;
  /** Transaction isolation. */
  readonly isolation: IsolationLevel;
  /** Client settings (`--config-file`, `-c/--config`). */
  readonly settings: ClientSettings;
  /** Print the client's warnings (a broker went away...) on stderr; off below `--log-level warn`. */
  readonly warnings?: boolean;
  /** Which records to print. */
  readonly filter: RecordFilter;
  /** How to print them. */
  readonly output: FormatOptions;
  /** Stop after printing this many records. */
  readonly maxRecords: number | undefined;
  /** Stop after this long (ms) since the start. */
  readonly timeoutMs: number | undefined;
  /** Stop once every partition has been read to its end. */
  readonly exitAtEnd: boolean;
  /** How long to wait for the cluster before failing. */
  readonly connectTimeoutMs: number;
}

/** Why `tail` ended and what it did. */
export interface TailResult {
  /** Records read from Kafka. */
  readonly read: number;
  /** Records printed (after filtering). */
  readonly printed: number;
  /** Records that failed to decode (reported on stderr). */
  readonly failed: number;
  /** What ended the run. */
  readonly endedBy: "max-records" | "timeout" | "end" | "until" | "signal" | "output-closed";
}

/** Runs `tail` until one of its stop conditions; records go to `stdout`, decode failures and warnings to `stderr`. */
export async function runTail(
  options: TailCommandOptions,
  stdout: LineSink,
  stderr: LineSink,
  signal: AbortSignal,
): Promise<TailResult> {
  const stop = new AbortController();
  let endedBy: TailResult["endedBy"] | undefined;
  const end = (reason: TailResult["endedBy"]) => {
    endedBy ??= reason;
    stop.abort();
  };
  const onSignal = () => end("signal");
  signal.addEventListener("abort", onSignal, { once: true });
  if (signal.aborted) end("signal");
  stdout.onClose(() => end("output-closed"));
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => end("timeout"), options.timeoutMs);

  let read = 0;
  let printed = 0;
  let failed = 0;
  // Lines of a batch are written at once: one write (one system call when stdout is a file) per batch, not per record.
  const onRecords = async (records: RawRecord[]) => {
    const lines: string[] = [];
    for (const raw of records) {
      if (stop.signal.aborted) break;
      read += 1;
      const position: RecordPosition = { partition: raw.partition, offset: raw.offset, timestamp: raw.timestamp };
      const record = decodeRaw(raw);
      if (record instanceof Failure) {
        failed += 1;
        await stderr.writeLine(formatDecodeFailure(record.cause, position, raw.key, raw.value));
        continue;
      }
      if (!matchesFilter(options.filter, record)) continue;
      const line = formatRecord(record, position, options.output);
      if (line === null) continue;
      // Pretty blocks are several lines each: a blank line between them keeps them apart.
      lines.push(options.output.format === "pretty" ? `${line}\n` : line);
      printed += 1;
      if (options.maxRecords !== undefined && printed >= options.maxRecords) {
        end("max-records");
        break;
      }
    }
    if (lines.length > 0) await stdout.writeLine(lines.join("\n"));
  };

  try {
    const reader = {
      brokers: options.brokers,
      topic: options.topic,
      isolation: options.isolation,
      settings: options.settings,
      clientId: "konsumer-offsets",
      connectTimeoutMs: options.connectTimeoutMs,
      stopAtEnd: options.exitAtEnd,
      onWarning: (message: string) => void (options.warnings === false ? undefined : stderr.writeLine(`konsumer-offsets: ${message}`)),
    };
    const partitions = options.partitions === undefined ? {} : { partitions: options.partitions };
    const until = options.until === undefined ? {} : { until: options.until };
    const summary = await readPartitions({ ...reader, start: options.from, ...partitions, ...until }, onRecords, stop.signal);
    if (summary.endedBy === "end") endedBy ??= options.until === undefined ? "end" : "until";
    await stdout.flush();
    return { read, printed, failed, endedBy: endedBy ?? "signal" };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onSignal);
  }
}

/** A decode error carried as a value, so one bad record does not end the run. */
class Failure {
  constructor(readonly cause: unknown) {}
}

function decodeRaw(raw: RawRecord): OffsetsRecord | Failure {
  if (raw.key === null) return new Failure(new Error("record has no key"));
  try {
    return decode(raw.key, raw.value);
  } catch (error) {
    return new Failure(error);
  }
}
