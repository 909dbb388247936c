/**
 * A ksunami run, from validated options: `--plan` prints the wave; otherwise connect, pace records
 * along the wave, report, and on the end or a signal flush and summarise.
 */
import { writeFileSync } from "node:fs";
import { type RdKafka, RepeatedErrorLog, TopicNotFoundError, checkClientConfig, connectWithin, withRepeats } from "@kafkesc/kafka-io";
import { pino } from "pino";
import type { Logger } from "pino";
import { KsunamiOptionsError } from "./errors.js";
import type { ValueGenerator } from "./generate/generators.js";
import { createGenerator } from "./generate/generators.js";
import { Random } from "./generate/random.js";
import { TopicRouter } from "./generate/topics.js";
import type { MetricsServer } from "./metrics.js";
import { startMetricsServer } from "./metrics.js";
import type { KsunamiOptions } from "./options.js";
import { Pacer } from "./produce/pacer.js";
import type { PacerProgress } from "./produce/pacer.js";
import type { ProducerCounts } from "./produce/producer.js";
import { RecordProducer, createRdProducer, producerConfig } from "./produce/producer.js";
import { Transactions } from "./produce/transactions.js";
import type { TransactionCounts } from "./produce/transactions.js";
import { DeliveryStats } from "./report/stats.js";
import { StatusReporter } from "./report/status.js";
import { formatSummary } from "./report/summary.js";
import { TopicCounts } from "./report/topics.js";
import type { TopicCount } from "./report/topics.js";
import { formatCount, renderChart, renderSummary, renderSvg } from "./wave/chart.js";
import { WavePlan } from "./wave/plan.js";
import { Schedule } from "./wave/schedule.js";

/** Where a run writes. */
export interface RunOutput {
  /** `--plan` output. */
  readonly stdout: NodeJS.WritableStream;
  /** Logs, status and summary. */
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/** Everything built from the options before connecting: building it is where bad input is found. */
export interface PreparedRun {
  readonly options: KsunamiOptions;
  readonly plan: WavePlan;
  readonly key: ValueGenerator | undefined;
  readonly payload: ValueGenerator | undefined;
  /** Expected bytes per record (key + payload + headers), for `--plan`. */
  readonly bytesPerRecord: number;
  /** Producer settings, already checked by librdkafka. */
  readonly producerConfig: RdKafka.ProducerGlobalConfig;
}

/** Builds generators and the wave, and checks the producer settings with librdkafka (a `ClientSettingError` names a bad one). */
export function prepareRun(options: KsunamiOptions): PreparedRun {
  const plan = new WavePlan(options.wave);
  const key = options.key && createGenerator(options.key, new Random(options.seed), options.numbers);
  const payload = options.payload && createGenerator(options.payload, new Random(options.seed ^ 0x5bd1e995), options.numbers);
  const headerBytes = options.headers.reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  const config = producerConfig(options);
  if (options.transactions !== undefined) {
    // Shards are separate producers: each needs its own id, or they would fence each other.
    const { id } = options.transactions;
    (config as Record<string, unknown>)["transactional.id"] = options.shard.count > 1 ? `${id}-${options.shard.index}` : id;
    checkTransactionLength(options, plan, config as Record<string, unknown>);
  }
  if (options.mode === "run") checkClientConfig(config, options.settings, "producer"); // connects nothing
  return { options, plan, key, payload, bytesPerRecord: (key?.averageSize ?? 0) + (payload?.averageSize ?? 0) + headerBytes, producerConfig: config };
}

/**
 * A transaction open longer than `transaction.timeout.ms` (librdkafka's default 60 s) is aborted by the broker and its
 * commit fails: refuse a `--records-per-transaction` that the wave's slowest stretch would take that long to fill.
 */
function checkTransactionLength(options: KsunamiOptions, plan: WavePlan, config: Record<string, unknown>): void {
  const limitSec = Number(config["transaction.timeout.ms"] ?? 60_000) / 1000;
  const records = options.transactions!.recordsPerTransaction * options.shard.count; // of the whole wave
  let longest = 0;
  for (let i = 0; i < 400; i++) {
    const t = (i / 400) * plan.period;
    longest = Math.max(longest, plan.areaPerCycle > 0 ? plan.timeForArea(plan.areaAt(t) + records) - t : Infinity);
  }
  if (longest > limitSec * 0.9) {
    const shown = Number.isFinite(longest) ? `${longest.toFixed(1)} s` : "forever";
    throw new KsunamiOptionsError(
      "CONFLICTING_OPTIONS",
      `--records-per-transaction ${options.transactions!.recordsPerTransaction}: at the wave's lowest rate a transaction would stay open ${shown}, ` +
        `past 90 % of transaction.timeout.ms (${limitSec} s): lower it, or raise -c transaction.timeout.ms`,
      "--records-per-transaction",
    );
  }
}

/** `--plan`: the chart, the table of phases, and the SVG file when asked. */
export function runPlan(run: PreparedRun, out: RunOutput): number {
  const { plan, options, bytesPerRecord } = run;
  const speed = options.speed === 1 ? "" : ` (--speed ${options.speed}: durations divided by ${options.speed})`;
  out.stdout.write(
    `One cycle of the wave${speed}, records/s over time:\n\n${renderChart(plan)}\n\n${renderSummary(plan, bytesPerRecord)}\n` +
      `\n${Math.round(bytesPerRecord * 10) / 10} bytes per record (key + payload + headers, before Kafka's framing).\n` +
      planShares(run),
  );
  if (options.planSvg !== undefined) {
    writeFileSync(options.planSvg, renderSvg(plan, bytesPerRecord));
    out.stdout.write(`SVG written to ${options.planSvg}\n`);
  }
  return 0;
}

/** `--plan`'s lines on how the cycle's records split over topics and shards (empty for one topic, one process). */
function planShares(run: PreparedRun): string {
  const { options, plan } = run;
  const lines: string[] = [];
  const total = options.topics.reduce((sum, t) => sum + t.weight, 0);
  if (options.topics.length > 1) {
    lines.push("Records per cycle by topic:", ...options.topics.map((t) => `  ${t.name}: ${formatCount((plan.areaPerCycle * t.weight) / total)} (weight ${t.weight})`));
  }
  if (options.shard.count > 1) {
    lines.push(`--shards ${options.shard.count}: this process (shard ${options.shard.index}) produces 1/${options.shard.count} of every second, ${formatCount(plan.areaPerCycle / options.shard.count)} records per cycle.`);
  }
  return lines.length ? `\n${lines.join("\n")}\n` : "";
}

/** Observers of a run, for measurements. */
export interface RunHooks {
  /** Called after each batch of records handed to the client: seconds since the start, and how many. */
  readonly onBatch?: (elapsedSec: number, count: number) => void;
}

/**
 * `--align-to-clock`: where the wave stands at `nowMs`, with cycles counted from the Unix epoch. Processes
 * started at different times with the same wave compute the same wave time for the same instant.
 */
export function clockOffset(plan: WavePlan, nowMs: number): number {
  return (nowMs / 1000) % plan.period;
}

/** What a run did. */
export interface RunResult {
  /** 0: every record delivered; 1: some failed, stayed unconfirmed, or the run stopped before connecting. */
  readonly exitCode: number;
  /** Produced, delivered, failed (undefined when the run never connected). */
  readonly counts: ProducerCounts | undefined;
  /** Records still in flight when the flush timed out. */
  readonly unconfirmed: number;
  /** The pacer's last progress (due, sent, skipped, lag). */
  readonly progress: PacerProgress | undefined;
  /** Delivery latencies, overall and per phase. */
  readonly stats: DeliveryStats;
  /** Epoch ms at which the first record was due. */
  readonly startEpochMs: number;
  /** Counts per topic, in the order given. */
  readonly topics: readonly TopicCount[];
  /** Committed and aborted records and transactions (undefined without `--transactional-id`). */
  readonly transactions: TransactionCounts | undefined;
}

/**
 * Where the run starts in the wave, in seconds (the schedule's offset): 0 for a plain run; with `--start-at`, the time
 * since that instant; aligned to the clock, the position in the current cycle (cycles counted from the Unix epoch),
 * or for shards the time since the epoch itself, so that every shard numbers the wave's records alike.
 */
export function startOffset(options: KsunamiOptions, plan: WavePlan, startMs: number): number {
  if (options.startAtMs !== undefined) return (startMs - options.startAtMs) / 1000;
  if (options.shard.count > 1) return startMs / 1000;
  return options.alignToClock ? clockOffset(plan, startMs) : 0;
}

/** When a run starts (epoch ms): now, or for a run that shares the wave, the next whole second from the wave's origin. */
export function sharedStart(options: KsunamiOptions, nowMs: number): number {
  if (options.startAtMs === undefined && options.shard.count === 1 && !options.alignToClock) return nowMs;
  const origin = options.startAtMs ?? 0;
  return origin + Math.max(0, Math.ceil((nowMs - origin) / 1000)) * 1000;
}

/** Produces along the wave until the end (`--cycles`, `--duration`) or `signal`. */
export async function runWave(run: PreparedRun, out: RunOutput, signal: AbortSignal, hooks: RunHooks = {}): Promise<RunResult> {
  const { options, plan } = run;
  const logger = pino({ name: "ksunami", level: options.logLevel }, pino.destination({ dest: 2, sync: true }));
  const tty = options.showStats && out.stderr.isTTY === true ? (out.stderr as NodeJS.WriteStream) : undefined;
  const statsLogger = options.showStats && tty === undefined ? pino({ name: "ksunami", level: "info" }, pino.destination({ dest: 2, sync: true })) : undefined;

  // The schedule is known once connected (where the run starts in the wave): outcomes before that go nowhere.
  const sink: { stats: DeliveryStats | undefined } = { stats: undefined };
  const connection = await connect(run, logger, sink, signal);
  const noRun = (): RunResult => ({ exitCode: 1, counts: undefined, unconfirmed: 0, progress: undefined, stats: new DeliveryStats(plan, new Schedule(plan)), startEpochMs: 0, topics: [], transactions: undefined });
  if (connection === undefined) return noRun();
  const { producer, rdProducer } = connection;
  const topicCounts = new TopicCounts(options.topics.map((t) => t.name), producer.errorsOnly);
  rdProducer.on("delivery-report", topicCounts.onReport);

  const transactions = options.transactions && new Transactions(rdProducer, options.transactions, options.seed);
  if (transactions !== undefined) {
    await transactions.start().catch(() => {});
    if (transactions.error !== undefined) {
      await producer.disconnect();
      throw transactions.error;
    }
  }

  // Runs that share the wave with others (--start-at, --align-to-clock, --shards) start on a whole second of the wave's
  // origin (--start-at, else the Unix epoch): waiting for it (at most a second, or until --start-at) makes every process
  // cover whole seconds of the wave and catch up a start that came late by a few ms.
  const startEpochMs = sharedStart(options, Date.now());
  if (startEpochMs > Date.now() && !signal.aborted) {
    if (startEpochMs - Date.now() > 1000) logger.info({ startAt: new Date(startEpochMs).toISOString() }, "waiting for --start-at");
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, startEpochMs - Date.now());
      signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
  const offset = startOffset(options, plan, startEpochMs);
  const schedule = new Schedule(plan, offset, options.shard);
  const stats = new DeliveryStats(plan, schedule);
  sink.stats = stats;

  const cycleEnd = options.cycles === undefined ? Infinity : options.cycles * plan.period;
  const stopAtSec = Math.min(cycleEnd, options.durationSec ?? Infinity);
  const pacer = new Pacer(schedule, producer, {
    topics: new TopicRouter(options.topics),
    partition: options.partition,
    key: run.key,
    payload: run.payload,
    headers: options.headers.length ? options.headers.map(([k, v]) => ({ [k]: v })) : undefined,
  }, {
    maxInFlight: options.maxInFlight, maxLagSec: options.maxLagSec, stopAtSec: Number.isFinite(stopAtSec) ? stopAtSec : undefined, onBatch: hooks.onBatch,
    transaction: transactions && { size: options.transactions!.recordsPerTransaction, end: () => transactions.next(), onSent: (n) => transactions.noteSent(n) },
  });
  const status = new StatusReporter(plan, schedule, pacer, producer, stats, { tty, logger: statsLogger });

  let metrics: MetricsServer | undefined;
  if (options.metricsPort !== undefined) {
    metrics = await startMetricsServer(options.metricsPort, {
      plan, schedule, counts: () => producer, progress: () => pacer.progress(), latestStatus: () => status.latest,
      topics: () => topicCounts.snapshot(pacer.progress(), producer),
      transactions: () => transactions,
    });
    stats.onLatency = metrics.observeLatency;
    logger.info({ port: metrics.port }, `metrics on http://0.0.0.0:${metrics.port}/metrics`);
  }

  const onAbort = () => {
    logger.info("stopping: flushing records in flight");
    pacer.stop();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  logger.info({ topics: options.topics, period: plan.period, recordsPerCycle: plan.areaPerCycle, offset, shard: options.shard }, "producing");
  if (options.showStats) status.start(options.statusIntervalSec);
  if (!signal.aborted) {
    // A signal that came while connecting stops the run before its first record.
    const running = pacer.run(startEpochMs);
    stats.start(pacer.startEpochMs);
    await running;
  }
  signal.removeEventListener("abort", onAbort);
  if (transactions !== undefined) {
    await transactions.finish().catch(() => {});
    if (transactions.error !== undefined) logger.error(transactions.error.message);
  }

  const flushed = await producer.flush(options.flushTimeoutSec * 1000);
  if (options.showStats) status.stop();
  const unconfirmed = producer.inFlight;
  if (!flushed) logger.error({ unconfirmed }, `${unconfirmed} records still in flight after --flush-timeout ${options.flushTimeoutSec} s`);
  await metrics?.close();
  await producer.disconnect();
  const progress = pacer.progress();
  const topics = topicCounts.snapshot(progress, producer);
  if (options.showStats) {
    out.stderr.write(formatSummary({ elapsedSec: progress.elapsedSec, progress, counts: producer, unconfirmed, stats, lastError: producer.lastError?.message, topics, transactions, transactionError: transactions?.error?.message }) + "\n");
  }
  const counts = { produced: producer.produced, delivered: producer.delivered, failed: producer.failed };
  const failed = producer.failed > 0 || unconfirmed > 0 || transactions?.error !== undefined;
  return { exitCode: failed ? 1 : 0, counts, unconfirmed, progress, stats, startEpochMs: pacer.startEpochMs, topics, transactions };
}

/**
 * Connects once, within `--connect-timeout` (librdkafka retries unreachable brokers meanwhile; a refusal such as bad
 * credentials or an untrusted certificate ends it at once), and checks the topics and partition. Undefined when a
 * signal came first. Client errors are logged once each, with a count of repeats.
 */
async function connect(run: PreparedRun, logger: Logger, sink: { readonly stats: DeliveryStats | undefined }, signal: AbortSignal): Promise<{ producer: RecordProducer; rdProducer: RdKafka.Producer } | undefined> {
  const { options } = run;
  const clientErrors = new RepeatedErrorLog((message, repeats) => logger.warn(`kafka: ${withRepeats(message, repeats)}`));
  const rdProducer = createRdProducer(run.producerConfig);
  // errors while connecting end up in the connection's own failure; afterwards they are warnings
  let connected = false;
  const producer = new RecordProducer(rdProducer, (timestampMs, error) => sink.stats?.record(timestampMs, error !== null), {
    onConfirmed: (timestampMs, count) => sink.stats?.confirm(timestampMs, count),
    onClientError: (error: RdKafka.LibrdKafkaError) => connected && clientErrors.note(error.message),
  });
  const aborted = new Promise<undefined>((resolve) => signal.addEventListener("abort", () => resolve(undefined), { once: true }));
  const names = options.topics.map((t) => t.name);
  try {
    const metadata = await Promise.race([
      connectWithin<RdKafka.Metadata>(rdProducer, (timeout, done) => rdProducer.connect(names.length === 1 ? { topic: names[0], timeout } : { allTopics: true, timeout }, done), {
        brokers: options.brokers,
        config: run.producerConfig,
        timeoutMs: options.connectTimeoutMs,
      }),
      aborted,
    ]);
    connected = true;
    if (metadata === undefined) {
      await producer.disconnect();
      return undefined;
    }
    for (const name of names) {
      const topic = metadata.topics.find((t) => t.name === name);
      const partitions = topic?.partitions.length ?? 0;
      if (partitions === 0) throw new TopicNotFoundError(name, options.brokers);
      if (options.partition >= partitions) {
        throw new KsunamiOptionsError("PARTITION_NOT_FOUND", `--partition: topic '${name}' has ${partitions} partitions (0-${partitions - 1}), not ${options.partition}`, "--partition");
      }
    }
    return { producer, rdProducer };
  } catch (e) {
    // not awaited: a client whose connection attempt is still pending only closes once that attempt ends
    void producer.disconnect().catch(() => {});
    throw e;
  }
}
