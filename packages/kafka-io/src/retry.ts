/**
 * Retries with exponential backoff (p-retry) for the Kafka requests that fail while a cluster moves (a leader being
 * elected, a broker restarting), and the one table of the error codes worth retrying.
 */
import pRetry from "p-retry";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { describeCause, errorCode } from "./errors.js";

const E = RdKafka.CODES.ERRORS;

/**
 * librdkafka and broker error codes that pass by themselves: no leader yet, a leader moving, a coordinator loading,
 * a topic just created and not yet in every broker's metadata, a request timing out, a broken connection.
 */
export const RETRIABLE_ERROR_CODES: ReadonlySet<number> = new Set([
  E.ERR_UNKNOWN_TOPIC_OR_PART,
  E.ERR_LEADER_NOT_AVAILABLE,
  E.ERR_NOT_LEADER_FOR_PARTITION,
  E.ERR_REQUEST_TIMED_OUT,
  E.ERR_NOT_ENOUGH_REPLICAS,
  E.ERR_COORDINATOR_LOAD_IN_PROGRESS,
  E.ERR_COORDINATOR_NOT_AVAILABLE,
  E.ERR_NOT_COORDINATOR,
  E.ERR_FENCED_LEADER_EPOCH,
  E.ERR_UNKNOWN_LEADER_EPOCH,
  E.ERR_OFFSET_NOT_AVAILABLE,
  E.ERR__TIMED_OUT,
  E.ERR__TRANSPORT,
  E.ERR__ALL_BROKERS_DOWN,
  E.ERR__UNKNOWN_PARTITION,
  E.ERR__UNKNOWN_TOPIC,
  E.ERR__WAIT_COORD,
]);

/** Whether a thrown librdkafka error is worth retrying (see `RETRIABLE_ERROR_CODES`; `isRetriable` errors too). */
export function isRetriable(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && RETRIABLE_ERROR_CODES.has(code)) return true;
  return typeof error === "object" && error !== null && "isRetriable" in error && error.isRetriable === true;
}

/** How to retry. */
export interface RetryOptions {
  /** Give up once this long has passed since the first attempt (ms). */
  readonly timeoutMs: number;
  /** First wait between attempts (ms; default 100); each next one doubles, up to `maxDelayMs`. */
  readonly minDelayMs?: number;
  /** Longest wait between attempts (ms; default 2000). */
  readonly maxDelayMs?: number;
  /** Which failures to retry (default `isRetriable`). */
  readonly retryIf?: (error: unknown) => boolean;
  /** Stops retrying (the last failure is thrown). */
  readonly signal?: AbortSignal;
  /** Told of each failure that will be retried. */
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

/** Runs `attempt` until it succeeds, a failure is not retriable, or `timeoutMs` has passed; throws the last failure. */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const retryIf = options.retryIf ?? isRetriable;
  try {
    return await pRetry(
      async () => {
        try {
          return await attempt();
        } catch (error) {
          // p-retry retries Errors only: carry anything else (a plain librdkafka error object) inside one
          throw error instanceof Error ? error : new CarriedError(error);
        }
      },
      {
        retries: Number.POSITIVE_INFINITY,
        factor: 2,
        minTimeout: options.minDelayMs ?? 100,
        maxTimeout: options.maxDelayMs ?? 2000,
        randomize: true,
        maxRetryTime: options.timeoutMs,
        signal: options.signal,
        shouldRetry: ({ error }) => retryIf(carried(error)),
        onFailedAttempt: ({ error, attemptNumber }) => {
          if (retryIf(carried(error))) options.onRetry?.(carried(error), attemptNumber);
        },
      },
    );
  } catch (error) {
    throw carried(error);
  }
}

/** A non-Error thrown value, carried through p-retry. */
class CarriedError extends Error {
  constructor(readonly value: unknown) {
    super(describeCause(value));
  }
}

function carried(error: unknown): unknown {
  return error instanceof CarriedError ? error.value : error;
}
