/**
 * Transactional producing (`--transactional-id`): every `--records-per-transaction` records the open transaction
 * ends, committed or (a `--abort-ratio` fraction, drawn with `--seed`) aborted, and the next begins. Records sent in
 * a transaction count as committed or aborted by how it ended; a commit that fails with an abortable error aborts.
 */
import { KafkescError, type RdKafka } from "@kafkesc/kafka-io";
import { Random } from "../generate/random.js";
import type { TransactionOptions } from "../options.js";

/** A transaction the cluster would not begin, commit or abort (exit 1). */
export class TransactionError extends KafkescError {
  constructor(step: string, id: string, cause: RdKafka.LibrdKafkaError | Error) {
    super("TRANSACTION_FAILED", `transactional id '${id}': ${step} failed: ${cause.message}`, 1, { cause });
  }
}

/** Counts of transactional records and transactions (a transaction with no record, at the end of a run, is not counted). */
export interface TransactionCounts {
  /** Records in committed transactions. */
  readonly committedRecords: number;
  /** Records in aborted transactions. */
  readonly abortedRecords: number;
  readonly committedTransactions: number;
  readonly abortedTransactions: number;
}

/** Begins, commits and aborts a producer's transactions, one at a time. */
export class Transactions implements TransactionCounts {
  committedRecords = 0;
  abortedRecords = 0;
  committedTransactions = 0;
  abortedTransactions = 0;
  /** The failure that ended transactional producing, if any. */
  error: TransactionError | undefined;
  readonly #producer: RdKafka.Producer;
  readonly #options: TransactionOptions;
  readonly #random: Random;
  /** Records sent in the open transaction. */
  #open = 0;
  /** Whether a transaction is open. */
  #began = false;
  /** The step in progress: steps run one after the other. */
  #chain: Promise<void> = Promise.resolve();

  constructor(producer: RdKafka.Producer, options: TransactionOptions, seed: number) {
    this.#producer = producer;
    this.#options = options;
    this.#random = new Random(seed ^ 0x7a3c9e1d);
  }

  /** Records `count` more records sent in the open transaction. */
  noteSent(count: number): void {
    this.#open += count;
  }

  /** Registers the transactional id with the cluster (fencing older producers with it) and begins the first transaction. */
  start(): Promise<void> {
    return this.#step(async () => {
      await this.#call("init", (done) => this.#producer.initTransactions(this.#options.timeoutMs, done));
      await this.#begin();
    });
  }

  /** Ends the open transaction and begins the next. */
  next(): Promise<void> {
    return this.#step(async () => {
      await this.#end();
      await this.#begin();
    });
  }

  /** Ends the open transaction (at the end of the run), after any step in progress. */
  finish(): Promise<void> {
    return this.#step(() => this.#end());
  }

  #step(run: () => Promise<void>): Promise<void> {
    const next = this.#chain.then(() => (this.error === undefined ? run() : undefined));
    this.#chain = next.catch((e: unknown) => {
      this.error ??= e instanceof TransactionError ? e : new TransactionError("a step", this.#options.id, e as Error);
    });
    return next;
  }

  async #begin(): Promise<void> {
    await this.#call("begin", (done) => this.#producer.beginTransaction(done));
    this.#began = true;
  }

  /** Commits or aborts the open transaction (aborts when drawn, or when the commit says it must). */
  async #end(): Promise<void> {
    if (!this.#began) return;
    const records = this.#open;
    this.#open = 0;
    this.#began = false;
    // Drawn for every transaction, so that the sequence of outcomes depends on --seed only.
    const abort = this.#random.nextFloat() < this.#options.abortRatio;
    if (!abort) {
      try {
        await this.#call("commit", (done) => this.#producer.commitTransaction(this.#options.timeoutMs, done));
        this.committedRecords += records;
        if (records > 0) this.committedTransactions++;
        return;
      } catch (e) {
        if (!((e as TransactionError).cause as RdKafka.LibrdKafkaError | undefined)?.isTxnRequiresAbort) throw e;
      }
    } else {
      // Delivered first: an abort purges records still queued, which would then count as failed.
      await this.#call("flush before abort", (done) => this.#producer.flush(this.#options.timeoutMs, done));
    }
    await this.#call("abort", (done) => this.#producer.abortTransaction(this.#options.timeoutMs, done));
    this.abortedRecords += records;
    if (records > 0) this.abortedTransactions++;
  }

  /** Calls one client step; a retriable error is retried once. */
  async #call(step: string, start: (done: (error: RdKafka.LibrdKafkaError | null | undefined) => void) => void): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const error = await new Promise<RdKafka.LibrdKafkaError | null | undefined>((resolve) => start(resolve));
      if (!error) return;
      if (error.isRetriable && attempt === 0) continue;
      throw new TransactionError(step, this.#options.id, error);
    }
  }
}
