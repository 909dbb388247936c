/**
 * Names of the `__consumer_offsets` record types, for `--type` and for humans. The numbers are the `apiKey` of each
 * `coordinator-key` definition in Kafka's `group-coordinator/src/main/resources/common/message/*Key.json`; names are
 * the `type` discriminant of `@kafkesc/konsumer-offsets`'s `OffsetsRecord` (Kafka's record name without `Key`).
 */
export const RECORD_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "OffsetCommit"], // LegacyOffsetCommitKey: the same key layout as type 1, written by the oldest brokers
  [1, "OffsetCommit"],
  [2, "GroupMetadata"],
  [3, "ConsumerGroupMetadata"],
  [4, "ConsumerGroupPartitionMetadata"],
  [5, "ConsumerGroupMemberMetadata"],
  [6, "ConsumerGroupTargetAssignmentMetadata"],
  [7, "ConsumerGroupTargetAssignmentMember"],
  [8, "ConsumerGroupCurrentMemberAssignment"],
  [9, "ShareGroupPartitionMetadata"],
  [10, "ShareGroupMemberMetadata"],
  [11, "ShareGroupMetadata"],
  [12, "ShareGroupTargetAssignmentMetadata"],
  [13, "ShareGroupTargetAssignmentMember"],
  [14, "ShareGroupCurrentMemberAssignment"],
  [15, "ShareGroupStatePartitionMetadata"],
  [16, "ConsumerGroupRegularExpression"],
  [17, "StreamsGroupMetadata"],
  [18, "StreamsGroupPartitionMetadata"],
  [19, "StreamsGroupMemberMetadata"],
  [20, "StreamsGroupTargetAssignmentMetadata"],
  [21, "StreamsGroupTargetAssignmentMember"],
  [22, "StreamsGroupCurrentMemberAssignment"],
  [23, "StreamsGroupTopology"],
  [24, "StreamsGroupTargetAssignmentResolvedTopicIds"],
]);

/** Extra names `--type` accepts besides the ones above (case-insensitive): Kafka's own name for type 0. */
const ALIASES: ReadonlyMap<string, readonly number[]> = new Map([["legacyoffsetcommit", [0]]]);

/** Largest record type a key can carry (an int16). */
const MAX_RECORD_TYPE = 32767;

/**
 * The record type numbers a `--type` value selects: a number (`1`, also types unknown to this build), a record name
 * (`OffsetCommit` selects 0 and 1, `GroupMetadata` 2...), case-insensitive. `undefined` when the value names nothing.
 */
export function resolveRecordType(value: string): readonly number[] | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const type = Number(trimmed);
    return type <= MAX_RECORD_TYPE ? [type] : undefined;
  }
  const wanted = trimmed.toLowerCase();
  const alias = ALIASES.get(wanted);
  if (alias) return alias;
  const types = [...RECORD_TYPE_NAMES].filter(([, name]) => name.toLowerCase() === wanted).map(([type]) => type);
  return types.length > 0 ? types : undefined;
}

/** Every name `--type` accepts, for error messages and `--help`. */
export function recordTypeNames(): string[] {
  return [...new Set(RECORD_TYPE_NAMES.values())];
}
