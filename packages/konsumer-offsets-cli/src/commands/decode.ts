/**
 * `konsumer-offsets decode --key HEX [--value HEX]`: decodes one `__consumer_offsets` record given as hex and prints it
 * (no `--value`: a tombstone). Without `--key`: decodes a dump, one record per line, from stdin or `--input FILE`, in
 * any of the line formats of `../input/lines.ts`.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { decode } from "@kafkesc/konsumer-offsets";
import { DecodeFailedError, describeCause } from "../errors.js";
import { parseLine } from "../input/lines.js";
import type { InputEncoding } from "../input/lines.js";
import type { LineSink } from "../output.js";
import { matchesFilter } from "../record-filter.js";
import type { RecordFilter } from "../record-filter.js";
import { formatRecord } from "../format/index.js";
import type { FormatOptions } from "../format/index.js";

/** Input of `decode`. */
export interface DecodeCommandOptions {
  /** Key bytes. */
  readonly key: Uint8Array;
  /** Value bytes; `null` for a tombstone. */
  readonly value: Uint8Array | null;
  /** Output format. */
  readonly output: FormatOptions;
}

/**
 * The printed record, or `null` when the format prints nothing for it (Kafka's formatters skip some records).
 * Throws `DecodeFailedError` for a malformed record.
 */
export function runDecode(options: DecodeCommandOptions): string | null {
  let record;
  try {
    record = decode(options.key, options.value);
  } catch (error) {
    throw new DecodeFailedError(error);
  }
  return formatRecord(record, undefined, options.output);
}

/** Input of `decode` reading a dump. */
export interface DecodeStreamOptions {
  /** The dump, one record per line (read as Latin-1: one character per byte). */
  readonly input: Readable;
  /** Name of the input in messages (`stdin` or the file). */
  readonly inputName: string;
  /** How key and value strings are written. */
  readonly encoding: InputEncoding;
  /** Which records to print (`tail`'s filters); records filtered out still count as decoded. */
  readonly filter?: RecordFilter;
  /** Output format. */
  readonly output: FormatOptions;
}

/** What a `decode` of a dump did. */
export interface DecodeStreamResult {
  /** Lines holding a record (blank lines are not counted). */
  readonly records: number;
  /** Records printed (Kafka's format prints nothing for some types). */
  readonly printed: number;
  /** Lines that did not decode, each reported on stderr. */
  readonly failed: number;
}

/**
 * Decodes a dump line by line as it streams in: each record printed on `stdout`, each line that does not decode
 * reported on `stderr` with its line number and the reason, and the run goes on.
 */
export async function runDecodeStream(options: DecodeStreamOptions, stdout: LineSink, stderr: LineSink, signal?: AbortSignal): Promise<DecodeStreamResult> {
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  // SIGINT/SIGTERM: stop reading, keep what was printed.
  const stop = () => lines.close();
  signal?.addEventListener("abort", stop, { once: true });
  let number = 0;
  let records = 0;
  let printed = 0;
  let failed = 0;
  for await (const line of lines) {
    number += 1;
    if (stdout.closed) break;
    let record;
    let input;
    try {
      input = parseLine(line, options.encoding);
      if (input === null) continue;
      records += 1;
      record = decode(input.key, input.value);
    } catch (error) {
      if (input === undefined) records += 1;
      failed += 1;
      await stderr.writeLine(`konsumer-offsets: ${options.inputName}:${number}: ${describeCause(error)}`);
      continue;
    }
    if (options.filter !== undefined && !matchesFilter(options.filter, record)) continue;
    const text = formatRecord(record, input.position, options.output);
    if (text === null) continue;
    printed += 1;
    await stdout.writeLine(options.output.format === "pretty" ? `${text}\n` : text);
  }
  lines.close();
  signal?.removeEventListener("abort", stop);
  await stdout.flush();
  return { records, printed, failed };
}
