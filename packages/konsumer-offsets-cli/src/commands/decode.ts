/**
 * `konsumer-offsets decode --key HEX [--value HEX]`: decodes one `__consumer_offsets` record given as hex and prints it
 * (no `--value`: a tombstone).
 */
import { decode } from "@kafkesc/konsumer-offsets";
import { DecodeFailedError } from "../errors.js";
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
