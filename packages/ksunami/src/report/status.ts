/**
 * Live status: on a terminal, one line refreshed in place; otherwise a log line per interval.
 * Target and achieved rates are averages over the interval: records due by the schedule, records acknowledged.
 */
import type { Logger } from "pino";
import type { RecordProducer } from "../produce/producer.js";
import type { Pacer } from "../produce/pacer.js";
import type { WavePlan } from "../wave/plan.js";
import type { Schedule } from "../wave/schedule.js";
import { formatCount } from "../wave/chart.js";
import type { DeliveryStats } from "./stats.js";

/** One status sample. */
export interface StatusSample {
  /** Current phase. */
  readonly phase: string;
  /** Seconds since the start. */
  readonly elapsedSec: number;
  /** Records/s due over the interval. */
  readonly targetRate: number;
  /** Records/s acknowledged over the interval. */
  readonly achievedRate: number;
  readonly produced: number;
  readonly delivered: number;
  readonly failed: number;
  readonly inFlight: number;
  /** Records skipped because the run fell more than --max-lag behind. */
  readonly skipped: number;
  /** Seconds behind schedule. */
  readonly lagSec: number;
  /** Delivery latency percentiles over the interval, ms (NaN: no delivery). */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Computes samples at each interval and prints them. */
export class StatusReporter {
  /** performance.now() of the last sample (the pacer's clock stops with it; rates need the real interval). */
  #lastPerf = performance.now();
  #lastDue = 0;
  #lastDelivered = 0;
  #timer: NodeJS.Timeout | undefined;
  /** The latest sample (for metrics). */
  latest: StatusSample | undefined;

  constructor(
    private readonly plan: WavePlan,
    private readonly schedule: Schedule,
    private readonly pacer: Pacer,
    private readonly producer: RecordProducer,
    private readonly stats: DeliveryStats,
    private readonly output: { readonly tty: NodeJS.WriteStream | undefined; readonly logger: Logger | undefined },
  ) {}

  /** Starts sampling every `intervalSec` seconds. */
  start(intervalSec: number): void {
    this.#timer = setInterval(() => this.tick(), intervalSec * 1000);
    this.#timer.unref();
  }

  /** Stops sampling and ends the status line. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    if (this.output.tty !== undefined && this.latest !== undefined) this.output.tty.write("\n");
  }

  /** Takes a sample and prints it. */
  tick(): StatusSample {
    const progress = this.pacer.progress();
    const now = performance.now();
    const dt = Math.max((now - this.#lastPerf) / 1000, 1e-3);
    const sample: StatusSample = {
      phase: this.plan.phaseAt(this.schedule.waveTime(progress.elapsedSec)).name,
      elapsedSec: progress.elapsedSec,
      targetRate: (progress.due - this.#lastDue) / dt,
      achievedRate: (this.producer.delivered - this.#lastDelivered) / dt,
      produced: this.producer.produced,
      delivered: this.producer.delivered,
      failed: this.producer.failed,
      inFlight: this.producer.inFlight,
      skipped: progress.skipped,
      lagSec: progress.lagSec,
      p50Ms: this.stats.window.percentile(0.5),
      p99Ms: this.stats.window.percentile(0.99),
    };
    this.stats.window.reset();
    this.#lastPerf = now;
    this.#lastDue = progress.due;
    this.#lastDelivered = this.producer.delivered;
    this.latest = sample;
    if (this.output.tty !== undefined) this.output.tty.write(`\r\x1b[2K${formatStatus(sample)}`);
    else this.output.logger?.info({ status: roundSample(sample) }, formatStatus(sample));
    return sample;
  }
}

/** The status line. */
export function formatStatus(s: StatusSample): string {
  const ms = (v: number) => (Number.isNaN(v) ? "-" : `${v} ms`);
  return [
    `${s.phase.padEnd(4)} ${formatClock(s.elapsedSec)}`,
    `target ${formatCount(s.targetRate)}/s`,
    `achieved ${formatCount(s.achievedRate)}/s`,
    `delivered ${formatCount(s.delivered)}`,
    `failed ${formatCount(s.failed)}`,
    `in flight ${formatCount(s.inFlight)}`,
    `p50 ${ms(s.p50Ms)}`,
    `p99 ${ms(s.p99Ms)}`,
    ...(s.lagSec >= 0.05 || s.skipped > 0 ? [`behind ${s.lagSec.toFixed(2)} s`, `skipped ${formatCount(s.skipped)}`] : []),
  ].join(" | ");
}

function roundSample(s: StatusSample): StatusSample {
  return { ...s, elapsedSec: round(s.elapsedSec), targetRate: round(s.targetRate), achievedRate: round(s.achievedRate), lagSec: round(s.lagSec) };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Seconds as h:mm:ss, rounded to the nearest second. */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
