/**
 * `--format json`: one JSON object per line. `decode` prints the record itself (the library's `toJson`); `tail` wraps
 * it with where it was read: `{"partition":P,"offset":O,"timestamp":T,"record":{...}}`.
 */
import { toJson } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";
import type { RecordPosition } from "./position.js";

/** The record as one JSON line, wrapped with its position when it has one. */
export function formatJson(record: OffsetsRecord, position?: RecordPosition): string {
  const body = toJson(record);
  if (!position) return body;
  const timestamp = position.timestamp === undefined ? "null" : String(position.timestamp);
  return `{"partition":${position.partition},"offset":${position.offset},"timestamp":${timestamp},"record":${body}}`;
}
