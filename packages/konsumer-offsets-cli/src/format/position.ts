/** Where a record was read from, printed with it by `tail`. */
export interface RecordPosition {
  /** Partition of the topic. */
  readonly partition: number;
  /** Offset within the partition. */
  readonly offset: number;
  /** Record timestamp (ms since the epoch) when the broker gave one. */
  readonly timestamp: number | undefined;
}
