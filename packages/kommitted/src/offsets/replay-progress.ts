/**
 * Tracks, per partition of the offsets topic, whether the reader has caught up with the end the partition had when
 * reading started: kommitted is not ready before every partition is replayed, or it would report groups and lags
 * from a half-read history.
 */
export class ReplayProgress {
  readonly #targets = new Map<number, number>();
  readonly #pending = new Set<number>();

  /** Sets the end offset a partition must be read up to (`high`), given its first offset (`low`). */
  setTarget(partition: number, low: number, high: number): void {
    this.#targets.set(partition, high);
    if (high > low) this.#pending.add(partition);
    else this.#pending.delete(partition);
  }

  /** A record at `offset` was read from `partition`. */
  onRecord(partition: number, offset: number): void {
    if (!this.#pending.has(partition)) return;
    if (offset + 1 >= (this.#targets.get(partition) ?? 0)) this.#pending.delete(partition);
  }

  /** The consumer reached the end of `partition` (librdkafka's partition EOF: robust to trailing transaction markers). */
  onEndOfPartition(partition: number): void {
    this.#pending.delete(partition);
  }

  /** Whether every partition with a target has been read up to it (false before any target is set). */
  get replayed(): boolean {
    return this.#targets.size > 0 && this.#pending.size === 0;
  }

  /** Partitions still being replayed. */
  get pendingPartitions(): number[] {
    return [...this.#pending].sort((a, b) => a - b);
  }
}
