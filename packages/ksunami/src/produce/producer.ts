/**
 * The fast path to Kafka: librdkafka's non-promise `Producer` (one synchronous `produce()` per record),
 * counting every record so that `delivered + failed === produced` once nothing is in flight.
 *
 * Two ways of learning outcomes, chosen by librdkafka's `delivery.report.only.error`:
 * - per-record reports (waves up to `PER_RECORD_REPORTS_MAX_RATE`): every record's report, with its latency;
 * - failure reports only (faster waves): the binding's per-record report costs about 2 us of the main thread
 *   per record (an object built in C++ and a call into JS), most of ksunami's CPU at 200 k records/s. Failed
 *   records still get a report each (failures are exact); delivered ones are counted as produced - failed -
 *   still queued (librdkafka's statistics during the run, exact once a flush has emptied the queue).
 */
import { RdKafka } from "@kafkesc/kafka-io";
import { KsunamiOptionsError } from "../errors.js";
import type { KsunamiOptions } from "../options.js";

const { Producer, CODES } = RdKafka;

/** librdkafka's "local queue full" error: back-pressure, not a failure. */
const QUEUE_FULL = CODES.ERRORS.ERR__QUEUE_FULL;

/** What happened to one `send`. */
export type SendResult = "sent" | "queue-full" | "failed";

/** Called for every record's outcome: its intended send time (the record's timestamp, ms since the epoch) and the error if it failed. */
export type DeliveryListener = (timestampMs: number, error: RdKafka.LibrdKafkaError | null) => void;

/** Called with `count` records of one intended send time (ms since the epoch) known delivered without a report of their own. */
export type ConfirmListener = (timestampMs: number, count: number) => void;

/** Wave peak (records/s) above which ksunami asks for delivery reports of failed records only (`-c delivery.report.only.error:false` overrides). */
export const PER_RECORD_REPORTS_MAX_RATE = 100_000;

/** Interval of librdkafka's statistics when they carry the count of delivered records (failure reports only). */
const STATS_INTERVAL_MS = 250;

/** Counters of a producer's records. */
export interface ProducerCounts {
  /** Records handed to the client (including those that failed at once). */
  readonly produced: number;
  /** Records acknowledged by the cluster. */
  readonly delivered: number;
  /** Records that failed (at produce time or in their delivery report). */
  readonly failed: number;
}

/** librdkafka producer settings of a run: ours first, then `-c/--config` entries in order. */
export function producerConfig(options: KsunamiOptions): RdKafka.ProducerGlobalConfig {
  const config: Record<string, string | number | boolean> = {
    "bootstrap.servers": options.brokers,
    "client.id": options.clientId,
    partitioner: options.partitioner,
    "queue.buffering.max.messages": Math.max(options.maxInFlight, 1000),
    "delivery.report.only.error": Math.max(options.wave.min, options.wave.max) > PER_RECORD_REPORTS_MAX_RATE,
  };
  for (const [key, value] of options.kafkaConfig) config[key] = value;
  config["dr_cb"] = true;
  if (reportsErrorsOnly(config) && config["statistics.interval.ms"] === undefined) config["statistics.interval.ms"] = STATS_INTERVAL_MS;
  return config as RdKafka.ProducerGlobalConfig;
}

/** True when `config` asks librdkafka for delivery reports of failed records only. */
export function reportsErrorsOnly(config: RdKafka.ProducerGlobalConfig | Record<string, unknown>): boolean {
  const value = (config as Record<string, unknown>)["delivery.report.only.error"];
  return value === true || value === "true";
}

/** librdkafka's `message.timeout.ms` of `config` (0: infinite), after which a queued record has failed for sure. */
function messageTimeoutMs(config: Record<string, unknown>): number {
  const value = config["message.timeout.ms"] ?? config["delivery.timeout.ms"];
  return value === undefined ? 300_000 : Number(value);
}

/**
 * Creates the librdkafka producer without connecting: librdkafka checks every setting here, so an
 * unknown or invalid `--config` becomes a `KsunamiOptionsError` before anything connects.
 */
export function createRdProducer(config: RdKafka.ProducerGlobalConfig): RdKafka.Producer {
  try {
    return new Producer(config);
  } catch (e) {
    throw new KsunamiOptionsError("INVALID_KAFKA_CONFIG", `--config: ${(e as Error).message}`, "--config");
  }
}

/** How a `RecordProducer` learns outcomes. */
export interface RecordProducerOptions {
  /** Called per record known delivered without a report of its own (failure reports only), grouped by intended send time. */
  readonly onConfirmed?: ConfirmListener;
  /** Connection trouble and other client errors. */
  readonly onClientError?: (error: RdKafka.LibrdKafkaError) => void;
}

/** A producer that counts records and reports each delivery. */
export class RecordProducer implements ProducerCounts {
  produced = 0;
  delivered = 0;
  failed = 0;
  /** The last error reported by the client (connection trouble, delivery failure). */
  lastError: RdKafka.LibrdKafkaError | Error | undefined;
  /** True when librdkafka reports failed records only (delivered ones are counted, see the file's doc). */
  readonly errorsOnly: boolean;
  readonly #producer: RdKafka.Producer;
  readonly #onDelivery: DeliveryListener;
  readonly #onConfirmed: ConfirmListener;
  /** Records produced and not yet known delivered or failed, by intended send time (failure reports only). */
  readonly #pending = new PendingRecords();
  /** Records whose outcome is settled for sure once they are this old (message timeout + margin), or Infinity. */
  readonly #settledAfterMs: number;
  /** `produced` at the last three polls, oldest first: a lower bound of `produced` when a statistics event was made. */
  readonly #producedAtPolls = [0, 0, 0];

  constructor(producer: RdKafka.Producer, onDelivery: DeliveryListener, options: RecordProducerOptions = {}) {
    this.#producer = producer;
    this.#onDelivery = onDelivery;
    this.#onConfirmed = options.onConfirmed ?? (() => {});
    const config = (producer as unknown as { globalConfig?: Record<string, unknown> }).globalConfig ?? {};
    this.errorsOnly = reportsErrorsOnly(config);
    const timeoutMs = messageTimeoutMs(config);
    this.#settledAfterMs = timeoutMs > 0 ? timeoutMs + 60_000 : Infinity;
    producer.on("delivery-report", (error: RdKafka.LibrdKafkaError, report: RdKafka.DeliveryReport) => this.#report(error, report));
    producer.on("event.error", (error: RdKafka.LibrdKafkaError) => {
      this.lastError = error;
      options.onClientError?.(error);
    });
    if (this.errorsOnly) producer.on("event.stats", (event: { message: string }) => this.#statistics(event.message));
  }

  /** Records produced whose outcome is not known yet (failure reports only: from librdkafka's last statistics). */
  get inFlight(): number {
    return this.produced - this.delivered - this.failed;
  }

  /**
   * Records in flight as far as the pacer's `--max-in-flight` is concerned: with failure reports only, librdkafka's own
   * queue limit (`queue.buffering.max.messages`, set from `--max-in-flight`) enforces it exactly, so 0 here.
   */
  get inFlightForPacing(): number {
    return this.errorsOnly ? 0 : this.inFlight;
  }

  /** Connects, and fetches the metadata of `topic` (to check that it exists). */
  connect(topic: string, timeoutMs: number): Promise<RdKafka.Metadata> {
    return new Promise((resolve, reject) => {
      // the client's own timeout, and ours in case its callback never comes
      const guard = setTimeout(() => reject(new Error(`no metadata within ${timeoutMs} ms`)), timeoutMs + 5000);
      this.#producer.connect({ topic, timeout: timeoutMs }, (error, metadata) => {
        clearTimeout(guard);
        if (error) reject(error);
        else resolve(metadata);
      });
    });
  }

  /**
   * Enqueues one record. `queue-full`: librdkafka's queue is full, nothing was produced (try again later);
   * `failed`: the client refused the record (counted as produced and failed).
   */
  send(topic: string, partition: number, value: Buffer | null, key: Buffer | null, timestampMs: number, headers: RdKafka.MessageHeader[] | undefined): SendResult {
    try {
      this.#producer.produce(topic, partition, value, key, timestampMs, undefined, headers);
      this.produced++;
      if (this.errorsOnly) this.#pending.add(timestampMs);
      return "sent";
    } catch (e) {
      const error = e as RdKafka.LibrdKafkaError;
      if (error.code === QUEUE_FULL) return "queue-full";
      this.produced++;
      this.failed++;
      this.lastError = error;
      this.#onDelivery(timestampMs, error);
      return "failed";
    }
  }

  /** Serves delivery reports and client events that are ready. */
  poll(): void {
    const polls = this.#producedAtPolls;
    polls[0] = polls[1]!;
    polls[1] = polls[2]!;
    polls[2] = this.produced;
    this.#producer.poll();
  }

  /** Waits until nothing is in flight, or `timeoutMs` has passed; true when everything was flushed. */
  async flush(timeoutMs: number): Promise<boolean> {
    if (this.errorsOnly) return this.#flushErrorsOnly(timeoutMs);
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      this.poll();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.inFlight === 0;
  }

  /**
   * Disconnects: flushes for at most 5 s more, then closes the client. Resolves after 10 s at the latest, so that a
   * client whose shutdown never calls back (seen once on a starved machine) cannot keep ksunami from exiting.
   */
  disconnect(): Promise<void> {
    return new Promise((resolve) => {
      const guard = setTimeout(resolve, 10_000);
      this.#producer.disconnect(5000, () => {
        clearTimeout(guard);
        resolve();
      });
    });
  }

  /**
   * Failure reports only: librdkafka's flush (nothing queued any more), then every failure report already made is
   * served (the binding hands them to JS 100 per event-loop turn: wait until a few turns bring none), and every
   * record that did not fail is delivered.
   */
  async #flushErrorsOnly(timeoutMs: number): Promise<boolean> {
    const guard = timeoutMs + 5000;
    const flushed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), guard);
      this.#producer.flush(timeoutMs, (error) => {
        clearTimeout(timer);
        resolve(!error);
      });
    });
    for (let quiet = 0; quiet < 3; ) {
      const before = this.failed;
      this.#producer.poll();
      await new Promise((resolve) => setTimeout(resolve, 5));
      quiet = this.failed === before ? quiet + 1 : 0;
    }
    if (!flushed) return this.inFlight === 0;
    this.#confirm(Infinity);
    this.delivered = this.produced - this.failed;
    return true;
  }

  /** Failure reports only: librdkafka's statistics say how many records are still queued (`msg_cnt`). */
  #statistics(json: string): void {
    const queued = /"msg_cnt":(\d+)/.exec(json);
    if (queued === null) return;
    // produced at the statistics' making is at least produced two polls ago; failed ones since then lower the estimate too
    const settled = this.#producedAtPolls[0]! - this.failed - Number(queued[1]);
    if (settled > this.delivered) this.delivered = Math.min(settled, this.produced - this.failed);
    this.#confirm(Date.now() - this.#settledAfterMs);
  }

  /** Hands the records produced before `beforeMs` (settled for sure) to the confirm listener, grouped by intended time. */
  #confirm(beforeMs: number): void {
    this.#pending.drainBefore(beforeMs, this.#onConfirmed);
  }

  #report(error: RdKafka.LibrdKafkaError | null | undefined, report: RdKafka.DeliveryReport): void {
    const timestampMs = report.timestamp ?? Date.now();
    if (error) {
      this.failed++;
      this.lastError = error;
      if (this.errorsOnly) {
        this.#pending.remove(timestampMs);
        if (this.delivered > this.produced - this.failed) this.delivered = this.produced - this.failed;
      }
      this.#onDelivery(timestampMs, error);
    } else {
      this.delivered++;
      this.#onDelivery(timestampMs, null);
    }
  }
}

/** Counts of records in flight per intended send time (ms), in send order: timestamps never go back. */
class PendingRecords {
  #times: number[] = [];
  #counts: number[] = [];
  /** When each group's first record was produced (epoch ms). */
  #madeAt: number[] = [];
  #head = 0;

  /** Adds one record stamped `timestampMs`. */
  add(timestampMs: number): void {
    const last = this.#times.length - 1;
    if (last >= this.#head && this.#times[last] === timestampMs) this.#counts[last]!++;
    else {
      this.#times.push(timestampMs);
      this.#counts.push(1);
      this.#madeAt.push(Date.now());
    }
  }

  /** Removes one record stamped `timestampMs` (it failed); false when none is pending. */
  remove(timestampMs: number): boolean {
    let lo = this.#head;
    let hi = this.#times.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.#times[mid]!;
      if (t === timestampMs) {
        if (this.#counts[mid]! === 0) return false;
        this.#counts[mid]!--;
        return true;
      }
      if (t < timestampMs) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Calls `each(time, count)` for every group produced before `beforeMs`, oldest first, and forgets them. */
  drainBefore(beforeMs: number, each: ConfirmListener): void {
    while (this.#head < this.#times.length && this.#madeAt[this.#head]! < beforeMs) {
      if (this.#counts[this.#head]! > 0) each(this.#times[this.#head]!, this.#counts[this.#head]!);
      this.#head++;
    }
    if (this.#head > 4096 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#counts = this.#counts.slice(this.#head);
      this.#madeAt = this.#madeAt.slice(this.#head);
      this.#head = 0;
    }
  }
}
