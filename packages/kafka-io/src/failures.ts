/**
 * How a librdkafka client's troubles become clear endings: errors that no retry can cure (credentials refused, TLS
 * not trusted, SASL mechanism not enabled, access denied) end the connection attempt at once with a typed error;
 * errors that may pass (a broker down, a connection refused) are retried by librdkafka until the connect timeout,
 * then reported with the last one seen. During a run, repeated client errors are logged once with a count.
 */
import { RdKafka } from "@confluentinc/kafka-javascript";
import {
  AuthenticationError,
  BrokersUnreachableError,
  ClientSettingError,
  KafkescError,
  NotAuthorizedError,
  SaslMechanismError,
  TlsError,
  describeCause,
  errorCode,
} from "./errors.js";

const E = RdKafka.CODES.ERRORS;

/** Where a client connects, for error messages. */
export interface ConnectionContext {
  /** Bootstrap servers. */
  readonly brokers: string;
  /** The client's librdkafka settings (the SASL mechanism and CA file are named in errors). */
  readonly config: object;
}

/** The typed failure for a librdkafka error no retry can cure, or undefined when the error may pass. */
export function fatalClientError(error: unknown, context: ConnectionContext): KafkescError | undefined {
  const code = errorCode(error);
  const message = describeCause(error);
  const config = context.config as Readonly<Record<string, unknown>>;
  const mechanism = String(config["sasl.mechanism"] ?? config["sasl.mechanisms"] ?? "GSSAPI");
  if (code === E.ERR__SSL) return new TlsError(context.brokers, optionalString(config["ssl.ca.location"]), message);
  if (code === E.ERR_UNSUPPORTED_SASL_MECHANISM || (code === E.ERR__AUTHENTICATION && /mechanism handshake failed|unsupported sasl mechanism/i.test(message))) {
    return new SaslMechanismError(context.brokers, mechanism, message);
  }
  if (code === E.ERR__AUTHENTICATION || code === E.ERR_SASL_AUTHENTICATION_FAILED || code === E.ERR_ILLEGAL_SASL_STATE) {
    return new AuthenticationError(context.brokers, mechanism, message);
  }
  if (code === E.ERR_TOPIC_AUTHORIZATION_FAILED) return new NotAuthorizedError("read or write a topic", message);
  if (code === E.ERR_GROUP_AUTHORIZATION_FAILED) return new NotAuthorizedError("use a consumer group", message);
  if (code === E.ERR_CLUSTER_AUTHORIZATION_FAILED) return new NotAuthorizedError("act on the cluster", message);
  if (code === E.ERR__INVALID_ARG) return new ClientSettingError("(client settings)", "librdkafka", message);
  return undefined;
}

/**
 * The typed failure for one of librdkafka's error log lines (`FAIL`, severity 3 or less) that no retry can cure, or
 * undefined. These lines carry what error events leave out: the broker's address and the reason (`SSL handshake
 * failed: ... certificate verify failed`, `SASL authentication error: ...`).
 */
export function fatalLogLine(message: string, context: ConnectionContext): KafkescError | undefined {
  const config = context.config as Readonly<Record<string, unknown>>;
  const mechanism = String(config["sasl.mechanism"] ?? config["sasl.mechanisms"] ?? "GSSAPI");
  const text = message.replace(/^\[thrd:[^\]]*\]: /, "");
  if (/SSL handshake failed/i.test(text)) return new TlsError(context.brokers, optionalString(config["ssl.ca.location"]), text);
  if (/mechanism handshake failed|Unsupported SASL mechanism/i.test(text)) return new SaslMechanismError(context.brokers, mechanism, text);
  if (/SASL authentication error|Authentication failed/i.test(text)) return new AuthenticationError(context.brokers, mechanism, text);
  return undefined;
}

/** One of librdkafka's log lines, as the native clients emit them (`event.log`). */
export interface ClientLogLine {
  readonly severity: number;
  readonly fac: string;
  readonly message: string;
}

/** The parts of a native client (producer, consumer, admin) that connecting uses. */
export interface ConnectableClient {
  on(event: "event.error", listener: (error: RdKafka.LibrdKafkaError) => void): unknown;
  on(event: "event.log", listener: (line: ClientLogLine) => void): unknown;
  removeListener(event: "event.error", listener: (error: RdKafka.LibrdKafkaError) => void): unknown;
  removeListener(event: "event.log", listener: (line: ClientLogLine) => void): unknown;
}

/** Longest single connection attempt: the process cannot exit while a native attempt is pending, so keep each short. */
const ATTEMPT_MS = 2000;

/**
 * Connects a native client within `timeoutMs` whatever librdkafka does. `attempt(timeoutMs, done)` starts one
 * connection attempt (the client's `connect`, which fetches metadata); attempts that fail for a reason that may pass
 * (no broker answers yet) are repeated, each at most 2 s long, since a process cannot exit while a native attempt is
 * pending. An error no retry can cure (credentials, TLS, SASL mechanism), seen in the client's error events or error
 * log lines, ends it at once; when the time is up the failure names the brokers and the last error seen.
 */
export function connectWithin<T>(
  client: ConnectableClient,
  attempt: (timeoutMs: number, done: (error: unknown, result?: T) => void) => void,
  context: ConnectionContext & { readonly timeoutMs: number },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = Date.now() + context.timeoutMs;
    let last: string | undefined;
    let settled = false;
    const finish = (error: unknown, result?: T) => {
      if (settled) return;
      settled = true;
      client.removeListener("event.error", onError);
      client.removeListener("event.log", onLog);
      if (error === undefined || error === null) resolve(result as T);
      else reject(error);
    };
    const onError = (error: RdKafka.LibrdKafkaError) => {
      const fatal = fatalClientError(error, context);
      if (fatal !== undefined) finish(fatal);
      else last ??= error.message;
    };
    // librdkafka's error log lines name the broker and the cause; error events and callbacks often only a code
    const onLog = (line: ClientLogLine) => {
      if (line.severity > 3) return;
      const fatal = fatalLogLine(line.message, context);
      if (fatal !== undefined) finish(fatal);
      else last = line.message.replace(/^\[thrd:[^\]]*\]: /, "").replace(/ \(after \d+ms in state \w+(, \d+ identical error\(s\) suppressed)?\)$/, "");
    };
    client.on("event.error", onError);
    client.on("event.log", onLog);
    const unreachable = () => new BrokersUnreachableError(context.brokers, context.timeoutMs, last);
    const next = () => {
      if (settled) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return finish(unreachable());
      try {
        attempt(Math.min(remaining, ATTEMPT_MS), (error, result) => {
          if (error === undefined || error === null) return finish(undefined, result);
          const fatal = fatalClientError(error, context);
          if (fatal !== undefined) return finish(fatal);
          last ??= describeCause(error);
          setTimeout(next, 100);
        });
      } catch (error) {
        finish(fatalClientError(error, context) ?? new ClientSettingError("(client settings)", "librdkafka", describeCause(error)));
      }
    };
    next();
  });
}

/**
 * Logs repeated messages once: the first at once, the repeats counted and reported as one line with the count when
 * the same message comes back after `windowMs`, or on `flush()`. Messages are compared without librdkafka's
 * varying parts (`(after 12ms in state CONNECT)`, `N ms`).
 */
export class RepeatedErrorLog {
  readonly #report: (message: string, repeats: number) => void;
  readonly #windowMs: number;
  readonly #seen = new Map<string, { message: string; since: number; repeats: number }>();

  constructor(report: (message: string, repeats: number) => void, windowMs = 30_000) {
    this.#report = report;
    this.#windowMs = windowMs;
  }

  /** Notes one occurrence of `message`. */
  note(message: string, now = Date.now()): void {
    const key = message.replace(/\(after \d+ms in state \w+\)/g, "").replace(/\d+ ?ms\b/g, "N ms").trim();
    const entry = this.#seen.get(key);
    if (entry === undefined) {
      this.#seen.set(key, { message, since: now, repeats: 0 });
      this.#report(message, 0);
      return;
    }
    entry.repeats++;
    if (now - entry.since >= this.#windowMs) {
      this.#report(entry.message, entry.repeats);
      entry.since = now;
      entry.repeats = 0;
    }
  }

  /** Reports the repeats not reported yet. */
  flush(): void {
    for (const entry of this.#seen.values()) if (entry.repeats > 0) this.#report(entry.message, entry.repeats);
    this.#seen.clear();
  }
}

/** `message` with its repeat count, as `RepeatedErrorLog` reports it. */
export function withRepeats(message: string, repeats: number): string {
  return repeats === 0 ? message : `${message} (repeated ${repeats} more times)`;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
