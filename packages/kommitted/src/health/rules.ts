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

/** One lag snapshot of a group partition, as the rules see it. */
export interface HealthSample {
  /** When the snapshot was taken (ms). */
  time: number;
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

/**
 * Evaluates one group partition. Rules in order: REWIND (offset went back inside the window), OK if the newest lag
 * is 0, STOP (commit age above the threshold), then with a full window STALL (offset never moved although commits kept
 * arriving) and WARN (offset moved but the lag never shrank and grew overall); otherwise OK.
 */
export function evaluatePartition(samples: readonly HealthSample[], rules: HealthRules, nowMs: number): PartitionStatus {
  const newest = samples[samples.length - 1];
  if (newest === undefined) return "OK";
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i] as HealthSample).committed < (samples[i - 1] as HealthSample).committed) return "REWIND";
  }
  if (newest.lag === 0) return "OK";
  const commitTimesKnown = newest.commitTimestamp >= 0;
  if (commitTimesKnown && nowMs - newest.commitTimestamp > rules.stopAfterMs) return "STOP";
  if (samples.length < rules.windowSize) return "OK";
  const oldest = samples[0] as HealthSample;
  let lagAlwaysPositive = true;
  let lagNeverShrank = true;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as HealthSample;
    if (s.lag === 0) lagAlwaysPositive = false;
    if (i > 0 && s.lag < (samples[i - 1] as HealthSample).lag) lagNeverShrank = false;
  }
  const offsetMoved = newest.committed !== oldest.committed;
  if (commitTimesKnown && !offsetMoved && lagAlwaysPositive && newest.commitTimestamp > oldest.commitTimestamp) return "STALL";
  if (offsetMoved && lagNeverShrank && newest.lag > oldest.lag) return "WARN";
  return "OK";
}

/** The worst of several statuses (OK for none). */
export function worstStatus(statuses: Iterable<PartitionStatus>): PartitionStatus {
  let worst: PartitionStatus = "OK";
  for (const s of statuses) if (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst]) worst = s;
  return worst;
}
