/**
 * Health of a consumer group partition, in the spirit of Burrow's consumer evaluation rules, evaluated over a sliding
 * window of lag snapshots (one per poll, so a group that stops committing is still judged).
 *
 * - `OK`: caught up, or consuming and not falling behind.
 * - `WARN`: consuming (the committed offset moves) but the lag grew over the whole window.
 * - `STALL`: still committing (commit timestamps advance) but always the same offset, with lag, over the whole window.
 * - `STOP`: not committed for longer than the stop threshold while there is lag.
 * - `REWIND`: the committed offset went backwards within the window (reset, reprocessing).
 *
 * STOP and STALL need commit times: where they are unknown (commit timestamp -1, the `admin` source, whose OffsetFetch
 * answers carry none) neither is concluded, rather than guessed; REWIND, WARN and OK need only offsets.
 */
export type PartitionStatus = "OK" | "WARN" | "STALL" | "STOP" | "REWIND";

/** Severity order used to roll partition statuses up into a group status: the worst wins. */
export const STATUS_SEVERITY: Readonly<Record<PartitionStatus, number>> = Object.freeze({ OK: 0, WARN: 1, REWIND: 2, STALL: 3, STOP: 4 });

/** One lag snapshot of a group partition, as the rules see it (one per poll, oldest first; no rule reads its time). */
export interface HealthSample {
  /** Committed offset. */
  committed: number;
  /** Offset lag at that time. */
  lag: number;
  /** Timestamp of the last commit known at that time (ms; -1 unknown). */
  commitTimestamp: number;
}

/** Parameters of the rules. */
export interface HealthRules {
  /** Snapshots a window holds; WARN and STALL need a full window. */
  windowSize: number;
  /** A partition with lag whose last commit is older than this (ms) is STOP. */
  stopAfterMs: number;
}

/** Samples of one group partition read by index, oldest first: a {@link HealthWindow}'s ring, or an array of samples. */
export interface SampleSeries {
  /** Number of samples. */
  readonly length: number;
  /** Committed offset of the i-th snapshot. */
  committed(i: number): number;
  /** Offset lag of the i-th snapshot. */
  lag(i: number): number;
  /** Commit timestamp known at the i-th snapshot (ms; -1 unknown). */
  commitTimestamp(i: number): number;
}

/** Evaluates one group partition from an array of samples, oldest first (see {@link evaluateSeries}). */
export function evaluatePartition(samples: readonly HealthSample[], rules: HealthRules, nowMs: number): PartitionStatus {
  const at = (i: number) => samples[i] as HealthSample;
  return evaluateSeries(
    { length: samples.length, committed: (i) => at(i).committed, lag: (i) => at(i).lag, commitTimestamp: (i) => at(i).commitTimestamp },
    rules,
    nowMs,
  );
}

/**
 * Evaluates one group partition. Rules in order: REWIND (offset went back inside the window), OK if the newest lag
 * is 0, STOP (commit age above the threshold), then with a full window STALL (offset never moved although commits kept
 * arriving) and WARN (offset moved but the lag never shrank and grew overall); otherwise OK.
 */
export function evaluateSeries(s: SampleSeries, rules: HealthRules, nowMs: number): PartitionStatus {
  const n = s.length;
  if (n === 0) return "OK";
  const last = n - 1;
  for (let i = 1; i < n; i++) if (s.committed(i) < s.committed(i - 1)) return "REWIND";
  const newestLag = s.lag(last);
  if (newestLag === 0) return "OK";
  const newestCommit = s.commitTimestamp(last);
  const commitTimesKnown = newestCommit >= 0;
  if (commitTimesKnown && nowMs - newestCommit > rules.stopAfterMs) return "STOP";
  if (n < rules.windowSize) return "OK";
  let lagAlwaysPositive = true;
  let lagNeverShrank = true;
  for (let i = 0; i < n; i++) {
    const lag = s.lag(i);
    if (lag === 0) lagAlwaysPositive = false;
    if (i > 0 && lag < s.lag(i - 1)) lagNeverShrank = false;
  }
  const offsetMoved = s.committed(last) !== s.committed(0);
  if (commitTimesKnown && !offsetMoved && lagAlwaysPositive && newestCommit > s.commitTimestamp(0)) return "STALL";
  if (offsetMoved && lagNeverShrank && newestLag > s.lag(0)) return "WARN";
  return "OK";
}

/** The worst of several statuses (OK for none). */
export function worstStatus(statuses: Iterable<PartitionStatus>): PartitionStatus {
  let worst: PartitionStatus = "OK";
  for (const s of statuses) if (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst]) worst = s;
  return worst;
}
