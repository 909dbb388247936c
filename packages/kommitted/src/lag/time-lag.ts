import type { PartitionHistory } from "../state/partition-history.js";

/**
 * How a time lag value was produced.
 * - `caught-up`: the group has consumed everything there is: 0 by definition.
 * - `interpolated`: estimated from the end-offset history (the time the end offset passed the committed offset).
 * - `history-lower-bound`: the committed offset is older than the whole history (and, in `auto` and `exact` modes, the
 *   read of its record's timestamp is still pending): the lag is at least this value.
 * - `record-timestamp`: exact, from the timestamp of the record at the committed offset.
 * - `retention-lower-bound`: the record at the committed offset is gone (retention deleted it): the value comes from
 *   the earliest record still there, so the lag is at least this value.
 * - `unknown`: not enough information (no history yet, partition not observed).
 */
export type TimeLagMethod = "caught-up" | "interpolated" | "history-lower-bound" | "record-timestamp" | "retention-lower-bound" | "unknown";

/** A time lag in milliseconds and the method that produced it (`ms` is null when `method` is `unknown`). */
export interface TimeLag {
  /** How far, in time, the group is behind the newest record: now minus the time the next record to consume was written. */
  ms: number | null;
  /** How the value was produced. */
  method: TimeLagMethod;
}

/** The time lag value of a group that has consumed everything. */
export const CAUGHT_UP: TimeLag = Object.freeze({ ms: 0, method: "caught-up" });
/** The time lag value when nothing can be said. */
export const UNKNOWN_TIME_LAG: TimeLag = Object.freeze({ ms: null, method: "unknown" });

/**
 * Estimates when the record at `committed` (the next one the group will read) was written, from the end-offset
 * history, and returns `now` minus that time.
 *
 * The record at offset `c` exists once the end offset exceeds `c`; between two samples (o0, t0) and (o1, t1) with
 * o0 <= c < o1, the record was written in (t0, t1], placed by linear interpolation at
 * t0 + (c + 1 - o0) / (o1 - o0) * (t1 - t0). Nothing is extrapolated: a committed offset older than the oldest
 * sample yields a lower bound (`history-lower-bound`), never a guessed slope (the flaw that made kafka-lag-exporter
 * report days of lag during spikes).
 */
export function estimateTimeLag(history: PartitionHistory | undefined, committed: number, latest: number, nowMs: number): TimeLag {
  if (committed >= latest) return CAUGHT_UP;
  if (history === undefined || history.size === 0) return UNKNOWN_TIME_LAG;
  const index = history.firstAbove(committed);
  if (index >= history.size) return UNKNOWN_TIME_LAG; // history does not know the offsets `latest` claims: stale
  if (index === 0) return { ms: Math.max(0, nowMs - history.timeAt(0)), method: "history-lower-bound" };
  const o0 = history.offsetAt(index - 1);
  const t0 = history.timeAt(index - 1);
  const o1 = history.offsetAt(index);
  const t1 = history.timeAt(index);
  const producedAt = t0 + ((committed + 1 - o0) / (o1 - o0)) * (t1 - t0);
  return { ms: Math.max(0, Math.round(nowMs - producedAt)), method: "interpolated" };
}

/**
 * Exact time lag from the timestamp of the record at the committed offset (the record the group will read next). With
 * `gone` (the record was deleted by retention and the timestamp is the earliest remaining record's) it is a lower bound.
 */
export function exactTimeLag(recordTimestampMs: number, committed: number, latest: number, nowMs: number, gone = false): TimeLag {
  if (committed >= latest) return CAUGHT_UP;
  return { ms: Math.max(0, nowMs - recordTimestampMs), method: gone ? "retention-lower-bound" : "record-timestamp" };
}

/**
 * The value of a time lag seen `deltaMs` later: every method but `caught-up` and `unknown` measures now minus a fixed
 * instant (when the record was written, or a bound of it), so it grows with the clock.
 */
export function timeLagMsAfter(lag: TimeLag, deltaMs: number): number | null {
  return lag.ms === null || lag.method === "caught-up" ? lag.ms : lag.ms + deltaMs;
}

/** The same time lag seen `deltaMs` later (see {@link timeLagMsAfter}): the same object when its value does not move. */
export function rebaseTimeLag(lag: TimeLag, deltaMs: number): TimeLag {
  const ms = timeLagMsAfter(lag, deltaMs);
  return ms === lag.ms ? lag : { ms, method: lag.method };
}
