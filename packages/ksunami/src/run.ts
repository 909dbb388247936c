/**
 * A ksunami run, from validated options: `--plan` prints the wave; otherwise connect, pace records
 * along the wave, report, and on the end or a signal flush and summarise.
 */
import { writeFileSync } from "node:fs";
import type { LibrdKafkaError, Metadata, ProducerGlobalConfig } from "@confluentinc/kafka-javascript";
import { RepeatedErrorLog, TopicNotFoundError, checkClientConfig, connectWithin, withRepeats } from "@kafkesc/kafka-io";
import { pino } from "pino";
import type { Logger } from "pino";
import { KsunamiOptionsError } from "./errors.js";
import type { ValueGenerator } from "./generate/generators.js";
import { createGenerator } from "./generate/generators.js";
import { Random } from "./generate/random.js";
import type { MetricsServer } from "./metrics.js";
import { startMetricsServer } from "./metrics.js";
import type { KsunamiOptions } from "./options.js";
import { Pacer } from "./produce/pacer.js";
import type { PacerProgress } from "./produce/pacer.js";
import type { ProducerCounts } from "./produce/producer.js";
import { RecordProducer, createRdProducer, producerConfig } from "./produce/producer.js";
import { DeliveryStats } from "./report/stats.js";
import { StatusReporter } from "./report/status.js";
import { formatSummary } from "./report/summary.js";
import { renderChart, renderSummary, renderSvg } from "./wave/chart.js";
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
  readonly producerConfig: ProducerGlobalConfig;
}

/** Builds generators and the wave, and checks the producer settings with librdkafka (a `ClientSettingError` names a bad one). */
export function prepareRun(options: KsunamiOptions): PreparedRun {
  const plan = new WavePlan(options.wave);
  const key = options.key && createGenerator(options.key, new Random(options.seed), options.numbers);
  const payload = options.payload && createGenerator(options.payload, new Random(options.seed ^ 0x5bd1e995), options.numbers);
  const headerBytes = options.headers.reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  const config = producerConfig(options);
  if (options.mode === "run") checkClientConfig(config, options.settings, "producer"); // connects nothing
  return { options, plan, key, payload, bytesPerRecord: (key?.averageSize ?? 0) + (payload?.averageSize ?? 0) + headerBytes, producerConfig: config };
}

/** `--plan`: the chart, the table of phases, and the SVG file when asked. */
export function runPlan(run: PreparedRun, out: RunOutput): number {
  const { plan, options, bytesPerRecord } = run;
  const speed = options.speed === 1 ? "" : ` (--speed ${options.speed}: durations divided by ${options.speed})`;
  out.stdout.write(
    `One cycle of the wave${speed}, records/s over time:\n\n${renderChart(plan)}\n\n${renderSummary(plan, bytesPerRecord)}\n` +
      `\n${Math.round(bytesPerRecord * 10) / 10} bytes per record (key + payload + headers, before Kafka's framing).\n`,
  );
  if (options.planSvg !== undefined) {
    writeFileSync(options.planSvg, renderSvg(plan, bytesPerRecord));
    out.stdout.write(`SVG written to ${options.planSvg}\n`);
  }
  return 0;
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
}

/** Produces along the wave until the end (`--cycles`, `--duration`) or `signal`. */
export async function runWave(run: PreparedRun, out: RunOutput, signal: AbortSignal, hooks: RunHooks = {}): Promise<RunResult> {
  const { options, plan } = run;
  const logger = pino({ name: "ksunami", level: options.logLevel }, pino.destination({ dest: 2, sync: true }));
  const tty = options.showStats && out.stderr.isTTY === true ? (out.stderr as NodeJS.WriteStream) : undefined;
  const statsLogger = options.showStats && tty === undefined ? pino({ name: "ksunami", level: "info" }, pino.destination({ dest: 2, sync: true })) : undefined;

  const offset = options.alignToClock ? clockOffset(plan, Date.now()) : 0;
  const schedule = new Schedule(plan, offset);
  const stats = new DeliveryStats(plan, schedule);
  const producer = await connect(run, logger, stats, signal);
  if (producer === undefined) return { exitCode: 1, counts: undefined, unconfirmed: 0, progress: undefined, stats, startEpochMs: 0 };

  const cycleEnd = options.cycles === undefined ? Infinity : options.cycles * plan.period;
  const stopAtSec = Math.min(cycleEnd, options.durationSec ?? Infinity);
  const pacer = new Pacer(schedule, producer, {
    topic: options.topic,
    partition: options.partition,
    key: run.key,
    payload: run.payload,
    headers: options.headers.length ? options.headers.map(([k, v]) => ({ [k]: v })) : undefined,
  }, { maxInFlight: options.maxInFlight, maxLagSec: options.maxLagSec, stopAtSec: Number.isFinite(stopAtSec) ? stopAtSec : undefined, onBatch: hooks.onBatch });
  const status = new StatusReporter(plan, schedule, pacer, producer, stats, { tty, logger: statsLogger });

  let metrics: MetricsServer | undefined;
  if (options.metricsPort !== undefined) {
    metrics = await startMetricsServer(options.metricsPort, {
      plan, schedule, counts: () => producer, progress: () => pacer.progress(), latestStatus: () => status.latest,
    });
    stats.onLatency = metrics.observeLatency;
    logger.info({ port: metrics.port }, `metrics on http://0.0.0.0:${metrics.port}/metrics`);
  }

  const onAbort = () => {
    logger.info("stopping: flushing records in flight");
    pacer.stop();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  logger.info({ topic: options.topic, period: plan.period, recordsPerCycle: plan.areaPerCycle, offset }, "producing");
  if (options.showStats) status.start(options.statusIntervalSec);
  if (!signal.aborted) {
    // A signal that came while connecting stops the run before its first record.
    const running = pacer.run();
    stats.start(pacer.startEpochMs);
    await running;
  }
  signal.removeEventListener("abort", onAbort);

  const flushed = await producer.flush(options.flushTimeoutSec * 1000);
  if (options.showStats) status.stop();
  const unconfirmed = producer.inFlight;
  if (!flushed) logger.error({ unconfirmed }, `${unconfirmed} records still in flight after --flush-timeout ${options.flushTimeoutSec} s`);
  await metrics?.close();
  await producer.disconnect();
  const progress = pacer.progress();
  if (options.showStats) {
    out.stderr.write(formatSummary({ elapsedSec: progress.elapsedSec, progress, counts: producer, unconfirmed, stats, lastError: producer.lastError?.message }) + "\n");
  }
  const counts = { produced: producer.produced, delivered: producer.delivered, failed: producer.failed };
  return { exitCode: producer.failed > 0 || unconfirmed > 0 ? 1 : 0, counts, unconfirmed, progress, stats, startEpochMs: pacer.startEpochMs };
}

/**
 * Connects once, within `--connect-timeout` (librdkafka retries unreachable brokers meanwhile; a refusal such as bad
 * credentials or an untrusted certificate ends it at once), and checks the topic and partition. Undefined when a
 * signal came first. Client errors are logged once each, with a count of repeats.
 */
async function connect(run: PreparedRun, logger: Logger, stats: DeliveryStats, signal: AbortSignal): Promise<RecordProducer | undefined> {
  const { options } = run;
  const clientErrors = new RepeatedErrorLog((message, repeats) => logger.warn(`kafka: ${withRepeats(message, repeats)}`));
  const rdProducer = createRdProducer(run.producerConfig);
  // errors while connecting end up in the connection's own failure; afterwards they are warnings
  let connected = false;
  const producer = new RecordProducer(rdProducer, (timestampMs, error) => stats.record(timestampMs, error !== null), (error: LibrdKafkaError) => connected && clientErrors.note(error.message));
  const aborted = new Promise<undefined>((resolve) => signal.addEventListener("abort", () => resolve(undefined), { once: true }));
  try {
    const metadata = await Promise.race([
      connectWithin<Metadata>(rdProducer, (timeout, done) => rdProducer.connect({ topic: options.topic, timeout }, done), {
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
    const topic = metadata.topics.find((t) => t.name === options.topic);
    const partitions = topic?.partitions.length ?? 0;
    if (partitions === 0) throw new TopicNotFoundError(options.topic, options.brokers);
    if (options.partition >= partitions) {
      throw new KsunamiOptionsError("PARTITION_NOT_FOUND", `--partition: topic '${options.topic}' has ${partitions} partitions (0-${partitions - 1}), not ${options.partition}`, "--partition");
    }
    return producer;
  } catch (e) {
    // not awaited: a client whose connection attempt is still pending only closes once that attempt ends
    void producer.disconnect().catch(() => {});
    throw e;
  }
}
