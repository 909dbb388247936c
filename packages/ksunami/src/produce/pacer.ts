/**
 * The timer loop: at every tick, send every record whose due time has passed (the schedule's area
 * rule), each stamped with its intended send time; never more than `maxInFlight` unacknowledged, never
 * a catch-up burst older than `maxLagSec` (records due longer ago are skipped and counted as shortfall).
 */
import type { RdKafka } from "@kafkesc/kafka-io";
import type { ValueGenerator } from "../generate/generators.js";
import type { TopicRouter } from "../generate/topics.js";
import type { Schedule } from "../wave/schedule.js";
import type { RecordProducer } from "./producer.js";

/** Where records go and what they carry. */
export interface RecordShape {
  /** Destination topics, and which one each record goes to. */
  readonly topics: TopicRouter;
  /** Explicit partition, or -1 for the partitioner. */
  readonly partition: number;
  /** Key generator, or none for keyless records. */
  readonly key: ValueGenerator | undefined;
  /** Payload generator, or none for null values. */
  readonly payload: ValueGenerator | undefined;
  /** Headers of every record (undefined: none). */
  readonly headers: RdKafka.MessageHeader[] | undefined;
}

/** How the pacer runs. */
export interface PacerOptions {
  /** Most records in flight at once. */
  readonly maxInFlight: number;
  /** Largest lag behind schedule, in seconds, that is caught up. */
  readonly maxLagSec: number;
  /** Stop once this many seconds of the run have been scheduled (undefined: run until `stop()`). */
  readonly stopAtSec: number | undefined;
  /** Records sent per tick at most, before yielding to I/O (delivery reports). */
  readonly batch?: number;
  /** Called after each batch with the run's seconds when it was handed to the client and its size (to measure pacing). */
  readonly onBatch?: (elapsedSec: number, count: number) => void;
  /** Transactions: after every `size` records sent, sending pauses until `end()` (commit or abort) resolves. */
  readonly transaction?: { readonly size: number; readonly end: () => Promise<void>; readonly onSent: (count: number) => void };
}

/** Progress of the pacer against its schedule. */
export interface PacerProgress {
  /** Seconds since the run started. */
  readonly elapsedSec: number;
  /** Records due so far by the schedule. */
  readonly due: number;
  /** Records handed to the producer (sent or failed at once). */
  readonly sent: number;
  /** Records skipped because they were due more than `maxLagSec` ago. */
  readonly skipped: number;
  /** How far behind schedule the next record is, in seconds (0 when on time). */
  readonly lagSec: number;
  /** Times the pacer waited on back-pressure (in-flight limit or a full client queue). */
  readonly backPressureWaits: number;
  /** Records handed to the producer, per topic (in the order of the router's names). */
  readonly sentByTopic: readonly number[];
  /** Records the client refused at once, per topic (counted in `sentByTopic` too). */
  readonly failedAtSendByTopic: readonly number[];
}

/** Sends records on schedule until stopped or until the scheduled end. */
export class Pacer {
  readonly #schedule: Schedule;
  readonly #producer: RecordProducer;
  readonly #shape: RecordShape;
  readonly #options: PacerOptions;
  readonly #batch: number;
  readonly #endCount: number;
  #startPerf = 0;
  /** Epoch milliseconds at which the run started: a record due at t s is stamped startEpochMs + 1000 t. */
  startEpochMs = 0;
  #position = 0;
  #sent = 0;
  #skipped = 0;
  #waits = 0;
  readonly #sentByTopic: number[];
  readonly #failedAtSendByTopic: number[];
  /** Records sent in the open transaction. */
  #inTransaction = 0;
  /** True while a transaction is ending (sending paused). */
  #ending = false;
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  #running = false;
  #stoppedAtSec: number | undefined;
  #done: (() => void) | undefined;

  constructor(schedule: Schedule, producer: RecordProducer, shape: RecordShape, options: PacerOptions) {
    this.#schedule = schedule;
    this.#producer = producer;
    this.#shape = shape;
    this.#options = options;
    this.#batch = options.batch ?? 5000;
    this.#endCount = options.stopAtSec === undefined ? Infinity : schedule.dueCount(options.stopAtSec);
    this.#sentByTopic = shape.topics.names.map(() => 0);
    this.#failedAtSendByTopic = shape.topics.names.map(() => 0);
  }

  /**
   * Starts sending; resolves when the scheduled end is reached or `stop()` is called. `startEpochMs` (default now)
   * is the run's time 0, so that processes agreeing on it agree on every record's due time.
   */
  run(startEpochMs = Date.now()): Promise<void> {
    this.#startPerf = performance.now() - (Date.now() - startEpochMs);
    this.startEpochMs = startEpochMs;
    this.#running = true;
    return new Promise((resolve) => {
      this.#done = resolve;
      this.#tick();
    });
  }

  /** Stops sending (records already sent stay in flight). */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#stoppedAtSec = this.elapsed();
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer as NodeJS.Timeout);
      clearImmediate(this.#timer as NodeJS.Immediate);
    }
    this.#done?.();
  }

  /** Seconds since the run started (frozen once stopped). */
  elapsed(): number {
    return this.#stoppedAtSec ?? (performance.now() - this.#startPerf) / 1000;
  }

  /** Where the pacer stands against its schedule. */
  progress(): PacerProgress {
    const elapsedSec = this.elapsed();
    const due = Math.min(this.#schedule.dueCount(elapsedSec), this.#endCount);
    const lagSec = due > this.#position ? Math.max(0, elapsedSec - this.#schedule.dueTime(this.#position + 1)) : 0;
    return { elapsedSec, due, sent: this.#sent, skipped: this.#skipped, lagSec, backPressureWaits: this.#waits, sentByTopic: [...this.#sentByTopic], failedAtSendByTopic: [...this.#failedAtSendByTopic] };
  }

  #tick(): void {
    this.#timer = undefined;
    if (!this.#running || this.#ending) return;
    const now = this.elapsed();
    const due = Math.min(this.#schedule.dueCount(now), this.#endCount);
    // Bounded catch-up: records due more than maxLagSec ago are skipped, not burst out.
    const oldestAllowed = Math.min(this.#schedule.dueCount(now - this.#options.maxLagSec), this.#endCount);
    if (this.#position < oldestAllowed) {
      this.#skipped += oldestAllowed - this.#position;
      this.#position = oldestAllowed;
    }
    const room = this.#options.maxInFlight - this.#producer.inFlightForPacing;
    const wanted = due - this.#position;
    const transaction = this.#options.transaction;
    const n = Math.min(wanted, this.#batch, Math.max(0, room), transaction === undefined ? Infinity : transaction.size - this.#inTransaction);
    let blocked = wanted > 0 && room <= 0;
    if (n > 0) blocked = this.#send(n) || blocked;
    if (blocked) this.#waits++;
    this.#producer.poll();

    if (transaction !== undefined && this.#inTransaction >= transaction.size && this.#running) {
      // The transaction is full: end it (commit or abort) before the next record; the schedule's catch-up rules hold meanwhile.
      this.#ending = true;
      this.#inTransaction = 0;
      transaction.end().then(
        () => {
          this.#ending = false;
          this.#tick();
        },
        () => this.stop(),
      );
      return;
    }
    if (this.#position >= this.#endCount) {
      this.stop();
      return;
    }
    if (!blocked && due > this.#position) {
      this.#timer = setImmediate(() => this.#tick());
      return;
    }
    const next = blocked ? 0.001 : this.#schedule.dueTime(this.#position + 1) - this.elapsed();
    this.#timer = setTimeout(() => this.#tick(), Math.min(50, Math.max(0, next * 1000)));
  }

  /** Sends the next `n` records; true when the client's queue filled up before all were sent. */
  #send(n: number): boolean {
    const { topics, partition, key, payload, headers } = this.#shape;
    const names = topics.names;
    // Intended send times: exact at both ends of the batch, linear in between (a tick spans milliseconds).
    const first = this.#schedule.dueTime(this.#position + 1);
    const last = n > 1 ? this.#schedule.dueTime(this.#position + n) : first;
    const step = n > 1 ? (last - first) / (n - 1) : 0;
    const base = this.startEpochMs + first * 1000;
    let full = false;
    let i = 0;
    for (; i < n; i++) {
      const timestamp = Math.round(base + i * step * 1000);
      const t = topics.next();
      const result = this.#producer.send(names[t]!, partition, payload ? payload.next() : null, key ? key.next() : null, timestamp, headers);
      if (result === "queue-full") {
        full = true;
        topics.undo(t);
        break;
      }
      this.#sentByTopic[t]!++;
      if (result === "failed") this.#failedAtSendByTopic[t]!++;
    }
    this.#position += i;
    this.#sent += i;
    if (i > 0 && this.#options.transaction !== undefined) {
      this.#inTransaction += i;
      this.#options.transaction.onSent(i);
    }
    if (i > 0) this.#options.onBatch?.(this.elapsed(), i);
    return full;
  }
}
