/**
 * `--type` values: a record type number (also types unknown to this build) or a record name, resolved by
 * `@kafkesc/konsumer-offsets` (its names, and Kafka's: `LegacyOffsetCommit` for type 0).
 */
import { RECORD_TYPE_NAMES, recordTypesNamed } from "@kafkesc/konsumer-offsets";

export { RECORD_TYPE_NAMES };

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
  const types = recordTypesNamed(trimmed);
  return types.length > 0 ? types : undefined;
}

/** Every name `--type` accepts, for error messages and `--help`. */
export function recordTypeNames(): string[] {
  return [...new Set(RECORD_TYPE_NAMES.values())];
}
