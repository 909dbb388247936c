/**
 * The fast path to Kafka: librdkafka's non-promise `Producer` (one synchronous `produce()` per record,
 * delivery reports in batches), counting every record from produce to its delivery report so that
 * `delivered + failed === produced` at all times once nothing is in flight.
 */
import kafka from "@confluentinc/kafka-javascript";
import type { DeliveryReport, LibrdKafkaError, Metadata, MessageHeader, Producer as RdProducer, ProducerGlobalConfig } from "@confluentinc/kafka-javascript";
import { KsunamiOptionsError } from "../errors.js";
import type { KsunamiOptions } from "../options.js";

const { Producer, CODES } = kafka;

/** librdkafka's "local queue full" error: back-pressure, not a failure. */
const QUEUE_FULL = CODES.ERRORS.ERR__QUEUE_FULL;

/** What happened to one `send`. */
export type SendResult = "sent" | "queue-full" | "failed";

/** Called for every record's outcome: its intended send time (the record's timestamp, ms since the epoch) and the error if it failed. */
export type DeliveryListener = (timestampMs: number, error: LibrdKafkaError | null) => void;

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
export function producerConfig(options: KsunamiOptions): ProducerGlobalConfig {
  const config: Record<string, string | number | boolean> = {
    "bootstrap.servers": options.brokers,
    "client.id": options.clientId,
    partitioner: options.partitioner,
    "queue.buffering.max.messages": Math.max(options.maxInFlight, 1000),
  };
  for (const [key, value] of options.kafkaConfig) config[key] = value;
  config["dr_cb"] = true;
  return config as ProducerGlobalConfig;
}

/**
 * Creates the librdkafka producer without connecting: librdkafka checks every setting here, so an
 * unknown or invalid `--config` becomes a `KsunamiOptionsError` before anything connects.
 */
export function createRdProducer(config: ProducerGlobalConfig): RdProducer {
  try {
    return new Producer(config);
  } catch (e) {
    throw new KsunamiOptionsError("INVALID_KAFKA_CONFIG", `--config: ${(e as Error).message}`, "--config");
  }
}

/** A producer that counts records and reports each delivery. */
export class RecordProducer implements ProducerCounts {
  produced = 0;
  delivered = 0;
  failed = 0;
  /** The last error reported by the client (connection trouble, delivery failure). */
  lastError: LibrdKafkaError | Error | undefined;
  readonly #producer: RdProducer;
  readonly #onDelivery: DeliveryListener;
  readonly #onClientError: (error: LibrdKafkaError) => void;

  constructor(producer: RdProducer, onDelivery: DeliveryListener, onClientError: (error: LibrdKafkaError) => void = () => {}) {
    this.#producer = producer;
    this.#onDelivery = onDelivery;
    this.#onClientError = onClientError;
    producer.on("delivery-report", (error: LibrdKafkaError, report: DeliveryReport) => this.#report(error, report));
    producer.on("event.error", (error: LibrdKafkaError) => {
      this.lastError = error;
      this.#onClientError(error);
    });
  }

  /** Records produced whose outcome is not known yet. */
  get inFlight(): number {
    return this.produced - this.delivered - this.failed;
  }

  /** Connects, and fetches the metadata of `topic` (to check that it exists). */
  connect(topic: string, timeoutMs: number): Promise<Metadata> {
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
  send(topic: string, partition: number, value: Buffer | null, key: Buffer | null, timestampMs: number, headers: MessageHeader[] | undefined): SendResult {
    try {
      this.#producer.produce(topic, partition, value, key, timestampMs, undefined, headers);
      this.produced++;
      return "sent";
    } catch (e) {
      const error = e as LibrdKafkaError;
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
    this.#producer.poll();
  }

  /** Waits until nothing is in flight, or `timeoutMs` has passed; true when everything was flushed. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      this.#producer.poll();
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

  #report(error: LibrdKafkaError | null | undefined, report: DeliveryReport): void {
    if (error) {
      this.failed++;
      this.lastError = error;
      this.#onDelivery(report.timestamp ?? Date.now(), error);
    } else {
      this.delivered++;
      this.#onDelivery(report.timestamp ?? Date.now(), null);
    }
  }
}
