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

/** The parts of a native client (producer, consumer, admin) that connecting uses. */
export interface ConnectableClient {
  on(event: "event.error", listener: (error: RdKafka.LibrdKafkaError) => void): unknown;
  removeListener(event: "event.error", listener: (error: RdKafka.LibrdKafkaError) => void): unknown;
}

/**
 * Connects a native client within `timeoutMs` whatever librdkafka does: `connect` starts the client's own connection
 * (and calls back once), errors the client reports meanwhile that no retry can cure end the attempt at once, and
 * when the time is up the failure names the brokers and the last error seen. Resolves with `connect`'s result.
 */
export function connectWithin<T>(
  client: ConnectableClient,
  connect: (done: (error: unknown, result?: T) => void) => void,
  context: ConnectionContext & { readonly timeoutMs: number },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let last: string | undefined;
    let settled = false;
    const finish = (error: unknown, result?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      client.removeListener("event.error", onError);
      if (error === undefined || error === null) resolve(result as T);
      else reject(error);
    };
    const onError = (error: RdKafka.LibrdKafkaError) => {
      const fatal = fatalClientError(error, context);
      if (fatal !== undefined) finish(fatal);
      else last = error.message;
    };
    client.on("event.error", onError);
    const guard = setTimeout(() => finish(new BrokersUnreachableError(context.brokers, context.timeoutMs, last)), context.timeoutMs + 500);
    try {
      connect((error, result) => {
        if (error === undefined || error === null) return finish(undefined, result);
        finish(fatalClientError(error, context) ?? new BrokersUnreachableError(context.brokers, context.timeoutMs, last ?? describeCause(error)));
      });
    } catch (error) {
      finish(fatalClientError(error, context) ?? new ClientSettingError("(client settings)", "librdkafka", describeCause(error)));
    }
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
