/**
 * Delivery statistics of a run: latency from each record's intended send time (its timestamp) to its
 * delivery report, overall, per phase of the wave, and per status interval.
 */
import type { PhaseName, WavePlan } from "../wave/plan.js";
import type { Schedule } from "../wave/schedule.js";
import { LatencyHistogram } from "./histogram.js";

/** Outcome counts and latencies of one phase (or of the whole run). */
export interface OutcomeStats {
  /** Records acknowledged. */
  delivered: number;
  /** Records failed. */
  failed: number;
  /** Latency of delivered records, ms from intended send time to delivery report. */
  readonly latency: LatencyHistogram;
}

const newOutcome = (): OutcomeStats => ({ delivered: 0, failed: 0, latency: new LatencyHistogram() });

/** Collects every delivery report's outcome. */
export class DeliveryStats {
  /** The whole run. */
  readonly total: OutcomeStats = newOutcome();
  /** Per phase of the wave (by the phase each record was due in). */
  readonly byPhase: ReadonlyMap<PhaseName, OutcomeStats> = new Map(["min", "up", "max", "down"].map((p) => [p as PhaseName, newOutcome()]));
  /** Latencies since the last status update (reset by the status reporter). */
  readonly window = new LatencyHistogram();
  /** Called for each delivered record's latency in seconds (metrics), with its phase. */
  onLatency: ((phase: PhaseName, seconds: number) => void) | undefined;
  readonly #plan: WavePlan;
  readonly #schedule: Schedule;
  #startEpochMs = 0;

  constructor(plan: WavePlan, schedule: Schedule) {
    this.#plan = plan;
    this.#schedule = schedule;
  }

  /** Sets the run's start (epoch ms), which maps a record's timestamp back to its phase. */
  start(startEpochMs: number): void {
    this.#startEpochMs = startEpochMs;
  }

  /** Delivered records whose report did not carry the timestamp ksunami set (a LogAppendTime topic, a mock cluster): no latency. */
  latencyUnknown = 0;

  /** Delivered records known without a report of their own (failure reports only, above 100 k records/s): no latency. */
  latencyNotReported = 0;

  /** Records `count` records stamped `timestampMs` as delivered, without a latency (their client reported failures only). */
  confirm(timestampMs: number, count: number): void {
    const at = (timestampMs - this.#startEpochMs) / 1000;
    this.byPhase.get(this.#plan.phaseAt(this.#schedule.waveTime(at)).name)!.delivered += count;
    this.total.delivered += count;
    this.latencyNotReported += count;
  }

  /**
   * Records one delivery report: the record's timestamp (intended send time) and whether it failed.
   * A timestamp from before the run is the broker's, not ours: the record counts, its latency is unknown.
   */
  record(timestampMs: number, failed: boolean): void {
    const now = Date.now();
    const ours = timestampMs >= this.#startEpochMs - 1 && timestampMs <= now + 1000;
    const at = ours ? (timestampMs - this.#startEpochMs) / 1000 : (now - this.#startEpochMs) / 1000;
    const phaseName = this.#plan.phaseAt(this.#schedule.waveTime(at)).name;
    const phase = this.byPhase.get(phaseName)!;
    if (failed) {
      phase.failed++;
      this.total.failed++;
      return;
    }
    phase.delivered++;
    if (!ours) {
      this.total.delivered++;
      this.latencyUnknown++;
      return;
    }
    const latency = now - timestampMs;
    phase.latency.record(latency);
    this.total.delivered++;
    this.total.latency.record(latency);
    this.window.record(latency);
    this.onLatency?.(phaseName, latency / 1000);
  }
}
