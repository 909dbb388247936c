/**
 * `decodeShareState(key, value)` and `encodeShareState(record)` for `__share_group_state`: the package's one decoder
 * and encoder (`decode.ts`, `encode.ts`) over the share coordinator's tables (`schemas.ts`).
 * @module
 */
import type { EncodedRecord } from "../types.js";
import type { KnownShareStateRecord } from "../generated/types.js";
import { decodeRecord } from "../decode.js";
import { encodeRecord } from "../encode.js";
import { SHARE_STATE } from "../codec/topics.js";
import { KonsumerOffsetsError } from "../errors.js";
import type { ShareStateRecord, ShareStateRecordToEncode } from "./types.js";

/**
 * Decodes one record of `__share_group_state`. `value` is `null` for a tombstone. A record type other than 0 and 1
 * gives `{ type: "Unknown" }` with the raw bytes; bytes after the known fields come back as `keyTrailingBytes` /
 * `valueTrailingBytes`. Byte arrays in the result are views of the input.
 *
 * @throws {KonsumerOffsetsError} `MALFORMED_KEY`, `MALFORMED_VALUE`, `UNSUPPORTED_VALUE_VERSION` for a known record
 *   type whose bytes do not decode, with the field path and byte offset of the failure.
 */
export function decodeShareState(key: Uint8Array, value: Uint8Array | null): ShareStateRecord {
  const record = decodeRecord(SHARE_STATE, key, value);
  // The codecs read each key and value with the table its type is generated from (`generated/types.ts`).
  return "keyBytes" in record ? record : (record as KnownShareStateRecord);
}

/** The key and value bytes of a `__share_group_state` record (value `null` for a tombstone). */
export type EncodedShareState = EncodedRecord;

/**
 * Encodes a share-state record (for tests and tools that write fixtures). Fields the version lacks are not written.
 * @throws {KonsumerOffsetsError} `INVALID_RECORD` (with the field path) when the record type or value version is not
 *   one Kafka defined, or a field is missing or of the wrong type.
 */
export function encodeShareState(record: ShareStateRecordToEncode): EncodedShareState {
  const codec = SHARE_STATE.byName(record.type);
  if (codec === undefined) throw new KonsumerOffsetsError("INVALID_RECORD", `unknown share-state record type ${String((record as { type: unknown }).type)}`);
  return encodeRecord(SHARE_STATE, codec, record);
}
