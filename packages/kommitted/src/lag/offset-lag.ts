/**
 * Offset lag as of now: how many records the group still has to read, `latest - committed`, never negative (a group
 * that committed past the end, e.g. right after a truncation, is caught up, not ahead).
 *
 * It is measured against the end offset of the latest poll, not of the last commit: a consumer that stops committing
 * sees its lag grow with every record produced.
 */
export function offsetLag(committed: number, latest: number): number {
  return Math.max(0, latest - committed);
}

/** Commit age: how long ago (ms) the group last committed this partition; null when the commit time is unknown (the admin source). */
export function commitAge(commitTimestampMs: number, nowMs: number): number | null {
  return commitTimestampMs < 0 ? null : Math.max(0, nowMs - commitTimestampMs);
}
