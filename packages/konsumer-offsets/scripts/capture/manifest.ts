/**
 * What a capture wrote, next to the records: `manifest.json` says which Kafka produced them, when, what each workload
 * did (the offsets it committed, the groups it deleted...) and what the broker really wrote (record types, value
 * versions, tombstones). Tests check the decoded records against these expectations, recorded at capture time.
 */

/** One record of `records.jsonl`. */
export interface CapturedRecord {
  /** Partition of `__consumer_offsets`. */
  partition: number;
  /** Offset in that partition. */
  offset: number;
  /** Key bytes, hex. */
  key: string;
  /** Value bytes, hex; `null` for a tombstone. */
  value: string | null;
  /** Workload that caused the record (`other` for records of no workload group). */
  scenario: string;
}

/** An offset a workload committed (or tried to, for aborted transactions). */
export interface ExpectedCommit {
  /** Group that committed. */
  group: string;
  /** Topic of the partition. */
  topic: string;
  /** Partition. */
  partition: number;
  /** Committed offset. */
  offset: number;
  /** Commit metadata the client sent (`""` when none). */
  metadata: string;
}

/** A classic group as the workload ran it. */
export interface ExpectedClassicGroup {
  /** Group id. */
  group: string;
  /** Assignor (the group's `protocol`) the members agreed on. */
  assignor: string;
  /** Client ids of the members. */
  clientIds: string[];
  /** `group.instance.id` of the members (static membership), empty when dynamic. */
  groupInstanceIds: string[];
  /** Topics the members subscribed to. */
  topics: string[];
  /** True when the members are Java clients, which write a null `userData` in their subscription. */
  javaClient: boolean;
  /**
   * True when members rejoined holding partitions (cooperative rebalancing): their subscriptions list owned partitions.
   * Absent from manifests captured before it was recorded.
   */
  ownedPartitionsOnRejoin?: boolean;
}

/** What a workload did, for the tests to check. */
export interface ScenarioExpectations {
  /** Offsets the workload committed and that are part of the log (transactions: committed ones). */
  commits: ExpectedCommit[];
  /** Offsets committed in transactions that were then aborted (seen with read_uncommitted). */
  abortedCommits: ExpectedCommit[];
  /** Classic groups with their members. */
  classicGroups: ExpectedClassicGroup[];
  /** Groups deleted by `kafka-consumer-groups --delete`: their records end in tombstones. */
  deletedGroups: { group: string; protocol: "classic" | "consumer" }[];
  /** Offsets deleted by `kafka-consumer-groups --delete-offsets`. */
  deletedOffsets: { group: string; topic: string; partition: number }[];
  /** Record types the broker must have written for this workload's groups. */
  recordTypes: number[];
}

/** One workload in the manifest. */
export interface ScenarioReport {
  /** Short name, also the `scenario` of its records. */
  name: string;
  /** What it does. */
  description: string;
  /** Group ids it used (records are attributed by group). */
  groups: string[];
  /** `captured`; `skipped` when this Kafka version cannot run it; `failed` when it broke (see `reason`). */
  status: "captured" | "skipped" | "failed";
  /** Why it was skipped or failed. */
  reason?: string;
  /** Records attributed to it. */
  records: number;
  /** What it did. */
  expectations: ScenarioExpectations;
}

/** Counts for one record type. */
export interface RecordTypeCount {
  /** Records of this type. */
  records: number;
  /** Tombstones among them. */
  tombstones: number;
  /** Records per value version (non-tombstones). */
  valueVersions: Record<string, number>;
}

/** `manifest.json`. */
export interface CaptureManifest {
  /** Kafka release the broker ran. */
  kafkaVersion: string;
  /** When the capture ran (ISO 8601). */
  capturedAt: string;
  /** librdkafka version of the clients. */
  librdkafkaVersion: string;
  /** How the records were read. */
  isolation: "read_uncommitted";
  /** Records in `records.jsonl`. */
  records: number;
  /** Records per key type (the int16 the key starts with). */
  recordTypes: Record<string, RecordTypeCount>;
  /** Workloads, in the order they ran. */
  scenarios: ScenarioReport[];
}

/** Empty expectations, filled in by a workload. */
export function noExpectations(): ScenarioExpectations {
  return { commits: [], abortedCommits: [], classicGroups: [], deletedGroups: [], deletedOffsets: [], recordTypes: [] };
}

/** Counts per record type of captured records, read from the raw bytes (int16 type, int16 value version). */
export function countRecordTypes(records: readonly CapturedRecord[]): Record<string, RecordTypeCount> {
  const counts: Record<string, RecordTypeCount> = {};
  for (const record of records) {
    const type = Buffer.from(record.key, "hex").readInt16BE(0);
    const count = (counts[String(type)] ??= { records: 0, tombstones: 0, valueVersions: {} });
    count.records += 1;
    if (record.value === null) {
      count.tombstones += 1;
    } else {
      const version = String(Buffer.from(record.value, "hex").readInt16BE(0));
      count.valueVersions[version] = (count.valueVersions[version] ?? 0) + 1;
    }
  }
  return counts;
}
