/**
 * The one error shape of the Kafkesc tools: a base class with a stable `code` and the exit status a CLI ends with,
 * one subclass per failure with a fixed `name`. Settings that cannot work end with 2 before anything connects;
 * a cluster that refuses or never answers ends with 1.
 */

/** Exit status for bad usage: a flag, a file of settings or a setting librdkafka rejects. Nothing was sent. */
export const EXIT_USAGE = 2;
/** Exit status for runtime failures: the cluster is unreachable, refuses us, or a request failed. */
export const EXIT_FAILURE = 1;

/** Base class: a message for people, a stable `code` for scripts and the exit status of the process. */
export class KafkescError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: string;
  /** Exit status a CLI ends with when this error stops it. */
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A client setting that cannot be used: unknown to librdkafka, a bad value, or a Java-only setting with no exact translation. */
export class ClientSettingError extends KafkescError {
  /** The setting's key, as the user wrote it. */
  readonly key: string;
  /** Where it came from: `-c/--config`, `client.properties:3`, an environment variable. */
  readonly source: string;
  /** What is wrong, and what to use instead when there is something. */
  readonly reason: string;

  constructor(key: string, source: string, reason: string) {
    super("INVALID_CLIENT_SETTING", `${source}: ${key}: ${reason}`, EXIT_USAGE);
    this.key = key;
    this.source = source;
    this.reason = reason;
  }
}

/** A file of client settings that cannot be read or parsed. */
export class ConfigFileError extends KafkescError {
  /** The file. */
  readonly file: string;
  /** 1-based line of the problem, when there is one. */
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, reason: string) {
    super("INVALID_CONFIG_FILE", `${line === undefined ? file : `${file}:${line}`}: ${reason}`, EXIT_USAGE);
    this.file = file;
    this.line = line;
  }
}

/** No broker of the bootstrap list answered within the connect timeout. */
export class BrokersUnreachableError extends KafkescError {
  /** The bootstrap servers that were tried. */
  readonly brokers: string;
  /** How long we waited (ms). */
  readonly timeoutMs: number;

  constructor(brokers: string, timeoutMs: number, lastError: string | undefined) {
    const detail = lastError === undefined ? "" : ` (last error: ${lastError})`;
    super("BROKERS_UNREACHABLE", `cannot reach Kafka at ${brokers} within ${formatMs(timeoutMs)}${detail}`, EXIT_FAILURE);
    this.brokers = brokers;
    this.timeoutMs = timeoutMs;
  }
}

/** The cluster refused our credentials (SASL authentication failed). */
export class AuthenticationError extends KafkescError {
  /** The SASL mechanism used. */
  readonly mechanism: string;

  constructor(brokers: string, mechanism: string, detail: string) {
    super("AUTHENTICATION_FAILED", `authentication with ${mechanism} failed at ${brokers}: ${detail}`, EXIT_FAILURE);
    this.mechanism = mechanism;
  }
}

/** The broker does not enable the SASL mechanism we asked for. */
export class SaslMechanismError extends KafkescError {
  /** The SASL mechanism asked for. */
  readonly mechanism: string;

  constructor(brokers: string, mechanism: string, detail: string) {
    super("SASL_MECHANISM_UNSUPPORTED", `SASL mechanism ${mechanism} is not enabled at ${brokers}: ${detail}`, EXIT_FAILURE);
    this.mechanism = mechanism;
  }
}

/** The TLS handshake failed (most often: the broker's certificate is not signed by the CA we trust). */
export class TlsError extends KafkescError {
  /** The CA file we trust (`ssl.ca.location`), if one was given. */
  readonly caLocation: string | undefined;

  constructor(brokers: string, caLocation: string | undefined, detail: string) {
    const ca = caLocation === undefined ? "the system's CA certificates" : `the CA in ${caLocation}`;
    super("TLS_FAILED", `TLS handshake with ${brokers} failed (trusting ${ca}): ${detail}`, EXIT_FAILURE);
    this.caLocation = caLocation;
  }
}

/** The cluster denies us a resource (topic, group, cluster action). */
export class NotAuthorizedError extends KafkescError {
  constructor(what: string, detail: string) {
    super("NOT_AUTHORIZED", `not authorized to ${what}: ${detail}`, EXIT_FAILURE);
  }
}

/** The topic does not exist on the cluster (or is not visible to this client). */
export class TopicNotFoundError extends KafkescError {
  /** The missing topic. */
  readonly topic: string;

  constructor(topic: string, brokers: string) {
    super("TOPIC_NOT_FOUND", `topic ${topic} does not exist at ${brokers} (or is not visible to this client)`, EXIT_FAILURE);
    this.topic = topic;
  }
}

/** A Kafka request failed and will not be retried (a fatal consumer error, a request that kept failing). */
export class KafkaRequestError extends KafkescError {
  /** librdkafka's numeric error code, when there is one. */
  readonly kafkaCode: number | undefined;

  constructor(what: string, cause: unknown) {
    super("KAFKA_ERROR", `${what}: ${describeCause(cause)}`, EXIT_FAILURE, { cause });
    this.kafkaCode = errorCode(cause);
  }
}

/** A one-line description of any thrown value. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === "object" && cause !== null && "message" in cause) return String(cause.message);
  return String(cause);
}

/** The numeric `code` of a librdkafka error, if it has one. */
export function errorCode(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : undefined;
}

/** The exit status for any thrown value: a `KafkescError`'s own, 1 for anything else. */
export function exitCodeOf(error: unknown): number {
  return error instanceof KafkescError ? error.exitCode : EXIT_FAILURE;
}

/**
 * The line a CLI prints for a failure: `tool: error [CODE]: message`. The stack is added only when `debug` is set
 * (or for errors we did not expect, which are bugs): a user's mistake or a cluster's refusal is one line.
 */
export function formatFailure(tool: string, error: unknown, debug = false): string {
  if (error instanceof KafkescError) {
    const line = `${tool}: error [${error.code}]: ${error.message}`;
    return debug && error.stack !== undefined ? `${line}\n${error.stack}` : line;
  }
  const stack = error instanceof Error ? error.stack : undefined;
  return `${tool}: unexpected error: ${describeCause(error)}${stack === undefined ? "" : `\n${stack}`}`;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
