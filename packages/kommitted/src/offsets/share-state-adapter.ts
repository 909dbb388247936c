/**
 * The one module that knows the shapes of `@kafkesc/konsumer-offsets`' `__share_group_state` records: it turns each
 * decoded record into share-state events for the group registry.
 *
 * - 0 ShareSnapshot (apache/kafka `share-coordinator/src/main/resources/common/message/ShareSnapshotValue.json`): the
 *   complete state of a share-partition; a tombstone deletes it.
 * - 1 ShareUpdate (`ShareUpdateValue.json`): a change to the last snapshot, start offset -1 when unchanged.
 * - Other types: skipped (none exist in Kafka 4.4).
 */
import { decodeShareState } from "@kafkesc/konsumer-offsets";
import type { ShareStateRecord } from "@kafkesc/konsumer-offsets";
import type { GroupEvent } from "../state/events.js";
import type { DecodeOutcome } from "./adapter.js";

const NONE: readonly GroupEvent[] = Object.freeze([]);

/** Decodes one `__share_group_state` record into share-state events; never throws. `timestamp` is the record's log time (ms, -1 if none). */
export function decodeShareStateEvents(key: Uint8Array, value: Uint8Array | null, timestamp: number): DecodeOutcome {
  try {
    const record = decodeShareState(key, value);
    return { ok: true, recordType: record.recordType, events: shareStateEventsOf(record, timestamp) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The events of one decoded share-state record. */
export function shareStateEventsOf(record: ShareStateRecord, timestamp: number): readonly GroupEvent[] {
  if (record.type === "Unknown") return NONE;
  const { groupId: group, topicId, partition } = record.key;
  if (record.tombstone) return [{ kind: "share-state-delete", group, topicId, partition }];
  if (record.type === "ShareSnapshot") {
    const v = record.value;
    const written = v.writeTimestamp > 0n ? Number(v.writeTimestamp) : timestamp;
    return [{ kind: "share-state", group, topicId, partition, snapshot: true, startOffset: Number(v.startOffset), writeTimestamp: written }];
  }
  return [{ kind: "share-state", group, topicId, partition, snapshot: false, startOffset: Number(record.value.startOffset), writeTimestamp: timestamp }];
}
