/**
 * Errors of the `konsumer-offsets` CLI. Every failure is a class with a stable `code` and the exit status the process
 * ends with, so scripts can tell a bad flag (2) from a cluster problem (1).
 */

/** Stable codes of every error the CLI reports. */
export type CliErrorCode =
  | "INVALID_ARGUMENT"
  | "INVALID_HEX"
  | "BROKERS_UNREACHABLE"
  | "TOPIC_NOT_FOUND"
  | "KAFKA_ERROR"
  | "DECODE_FAILED";

/** Exit status for usage errors (bad flags or arguments), as commander and most Unix tools use. */
export const EXIT_USAGE = 2;
/** Exit status for runtime failures (Kafka unreachable, topic missing, broken record given to `decode`). */
export const EXIT_FAILURE = 1;

/** Base class: a message for humans, a `code` for scripts and the process exit status. */
export class CliError extends Error {
  /** Stable machine-readable code. */
  readonly code: CliErrorCode;
  /** Exit status the CLI ends with when this error stops it. */
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
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

/** No broker of the bootstrap list answered within the connection timeout. */
export class BrokersUnreachableError extends CliError {
  /** The bootstrap servers that were tried. */
  readonly brokers: string;
  /** How long the CLI waited, in milliseconds. */
  readonly timeoutMs: number;

  constructor(brokers: string, timeoutMs: number, cause: unknown) {
    super(
      "BROKERS_UNREACHABLE",
      `cannot reach Kafka at ${brokers} within ${timeoutMs} ms (${describeCause(cause)})`,
      EXIT_FAILURE,
      { cause },
    );
    this.brokers = brokers;
    this.timeoutMs = timeoutMs;
  }
}

/** The topic to read does not exist on the cluster (or the client may not describe it). */
export class TopicNotFoundError extends CliError {
  /** The missing topic. */
  readonly topic: string;

  constructor(topic: string) {
    super("TOPIC_NOT_FOUND", `topic ${topic} does not exist on this cluster (or is not visible to this client)`, EXIT_FAILURE);
    this.topic = topic;
  }
}

/** librdkafka reported an error that ends the run (authentication, authorisation, fatal consumer error...). */
export class KafkaClientError extends CliError {
  /** librdkafka's numeric error code. */
  readonly kafkaCode: number | undefined;

  constructor(what: string, cause: unknown) {
    super("KAFKA_ERROR", `${what}: ${describeCause(cause)}`, EXIT_FAILURE, { cause });
    this.kafkaCode = isCoded(cause) ? cause.code : undefined;
  }
}

/** The record given to `decode` is malformed. */
export class DecodeFailedError extends CliError {
  constructor(cause: unknown) {
    super("DECODE_FAILED", `cannot decode the record: ${describeCause(cause)}`, EXIT_FAILURE, { cause });
  }
}

/** A one-line description of any thrown value. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === "object" && cause !== null && "message" in cause) return String(cause.message);
  return String(cause);
}

function isCoded(value: unknown): value is { code: number } {
  return typeof value === "object" && value !== null && "code" in value && typeof value.code === "number";
}
