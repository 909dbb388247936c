/**
 * Errors of the `konsumer-offsets` CLI. Every failure is a class with a stable `code` and the exit status the process
 * ends with, so scripts can tell a bad flag (2) from a cluster problem (1). The CLI's own are here; the Kafka client's
 * (unreachable brokers, refused credentials, TLS, missing topic, bad client settings) are kafka-io's, on the same base.
 */
import { EXIT_FAILURE, EXIT_USAGE, KafkescError, describeCause } from "@kafkesc/kafka-io";

export { EXIT_FAILURE, EXIT_USAGE, describeCause };
export { BrokersUnreachableError, KafkaRequestError, TopicNotFoundError } from "@kafkesc/kafka-io";

/** Stable codes of the errors the CLI itself raises. */
export type CliErrorCode = "INVALID_ARGUMENT" | "INVALID_HEX" | "DECODE_FAILED";

/** Base class of the CLI's own errors: a message for humans, a `code` for scripts and the process exit status. */
export class CliError extends KafkescError {
  /** Stable machine-readable code. */
  declare readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(code, message, exitCode, options);
  }
}

/** A flag or argument has a value the CLI cannot use. */
export class InvalidArgumentError extends CliError {
  /** The flag (e.g. `--max-records`) or argument at fault. */
  readonly flag: string;
  /** What is wrong with its value, without the flag's name. */
  readonly reason: string;

  constructor(flag: string, reason: string) {
    super("INVALID_ARGUMENT", `${flag}: ${reason}`, EXIT_USAGE);
    this.flag = flag;
    this.reason = reason;
  }
}

/** A `--key`/`--value` is not an even-length hexadecimal string. */
export class InvalidHexError extends CliError {
  /** The flag that held the bad hex. */
  readonly flag: string;
  /** What is wrong with the hex, without the flag's name. */
  readonly reason: string;

  constructor(flag: string, problem: string) {
    const reason = `not a hexadecimal byte string (${problem})`;
    super("INVALID_HEX", `${flag}: ${reason}`, EXIT_USAGE);
    this.flag = flag;
    this.reason = reason;
  }
}

/** The record given to `decode` is malformed. */
export class DecodeFailedError extends CliError {
  constructor(cause: unknown) {
    super("DECODE_FAILED", `cannot decode the record: ${describeCause(cause)}`, EXIT_FAILURE, { cause });
  }
}

/** Some lines of a dump given to `decode` did not decode (each was reported on stderr with its line number). */
export class DumpDecodeFailedError extends CliError {
  /** Lines that did not decode. */
  readonly failed: number;
  /** Lines that held a record. */
  readonly records: number;

  constructor(failed: number, records: number) {
    super("DECODE_FAILED", `${failed} of ${records} records did not decode (each reported above with its line number)`, EXIT_FAILURE);
    this.failed = failed;
    this.records = records;
  }
}
