/**
 * Which decoded records `tail` prints: by group, by topic, by record type. Empty criteria select everything.
 */
import { recordGroupId, recordTopic } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";

/** The group a record belongs to (`@kafkesc/konsumer-offsets`' `recordGroupId`), and the topic of an offset commit. */
export { recordGroupId as recordGroup, recordTopic };

/** What to keep. Every non-empty set must match (AND between criteria, OR within one). */
export interface RecordFilter {
  /** Keep records of these groups (the key's `group`/`groupId`). Empty: any group. */
  readonly groups: ReadonlySet<string>;
  /** Keep offset commits of these topics (only offset-commit keys name a topic). Empty: any record. */
  readonly topics: ReadonlySet<string>;
  /** Keep these record types (numbers as written in the key). Empty: every type. */
  readonly types: ReadonlySet<number>;
}

/** A filter that keeps everything. */
export const KEEP_ALL: RecordFilter = { groups: new Set(), topics: new Set(), types: new Set() };

/** Whether `record` passes `filter`. A record of an unknown type has no readable group or topic: only `types` can select it. */
export function matchesFilter(filter: RecordFilter, record: OffsetsRecord): boolean {
  if (filter.types.size > 0 && !filter.types.has(record.recordType)) return false;
  if (filter.groups.size > 0) {
    const group = recordGroupId(record);
    if (group === undefined || !filter.groups.has(group)) return false;
  }
  if (filter.topics.size > 0) {
    const topic = recordTopic(record);
    if (topic === undefined || !filter.topics.has(topic)) return false;
  }
  return true;
}
