// Kafka UUIDs: 16 bytes on the wire, shown as URL-safe base64 without padding (22 characters), as
// org.apache.kafka.common.Uuid#toString does (clients/src/main/java/org/apache/kafka/common/Uuid.java).

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Character code -> 6-bit value for URL-safe base64, -1 for anything else. */
const BASE64URL_VALUES: Int8Array = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64URL.length; i++) values[BASE64URL.charCodeAt(i)] = i;
  return values;
})();

/** Length in bytes of a UUID on the wire. */
export const UUID_BYTES = 16;

/** Character codes of {@link BASE64URL}, by 6-bit value. */
const BASE64URL_CODES: Uint8Array = Uint8Array.from(BASE64URL, (c) => c.charCodeAt(0));

/**
 * Kafka's string form (22 characters of URL-safe base64) of the 16 bytes at `bytes[offset]`; the range was checked.
 * Built in one `String.fromCharCode` call: a flat string (concatenated pieces past 12 characters make a rope, which
 * V8 flattens when the string is first hashed or compared).
 */
export function uuidToKafkaString(bytes: Uint8Array, offset: number): string {
  const c = BASE64URL_CODES;
  const g0 = ((bytes[offset] as number) << 16) | ((bytes[offset + 1] as number) << 8) | (bytes[offset + 2] as number);
  const g1 = ((bytes[offset + 3] as number) << 16) | ((bytes[offset + 4] as number) << 8) | (bytes[offset + 5] as number);
  const g2 = ((bytes[offset + 6] as number) << 16) | ((bytes[offset + 7] as number) << 8) | (bytes[offset + 8] as number);
  const g3 = ((bytes[offset + 9] as number) << 16) | ((bytes[offset + 10] as number) << 8) | (bytes[offset + 11] as number);
  const g4 = ((bytes[offset + 12] as number) << 16) | ((bytes[offset + 13] as number) << 8) | (bytes[offset + 14] as number);
  const last = bytes[offset + 15] as number;
  return String.fromCharCode(
    c[g0 >>> 18] as number, c[(g0 >>> 12) & 63] as number, c[(g0 >>> 6) & 63] as number, c[g0 & 63] as number,
    c[g1 >>> 18] as number, c[(g1 >>> 12) & 63] as number, c[(g1 >>> 6) & 63] as number, c[g1 & 63] as number,
    c[g2 >>> 18] as number, c[(g2 >>> 12) & 63] as number, c[(g2 >>> 6) & 63] as number, c[g2 & 63] as number,
    c[g3 >>> 18] as number, c[(g3 >>> 12) & 63] as number, c[(g3 >>> 6) & 63] as number, c[g3 & 63] as number,
    c[g4 >>> 18] as number, c[(g4 >>> 12) & 63] as number, c[(g4 >>> 6) & 63] as number, c[g4 & 63] as number,
    c[last >>> 2] as number, c[(last & 3) << 4] as number,
  );
}

/**
 * Parses a UUID given as Kafka's 22-character form or as 8-4-4-4-12 hexadecimal into `target[offset..offset+16)`.
 * Returns false (and may have written part of the range) if `text` is neither, or is base64 with non-zero padding bits.
 */
export function parseUuidInto(text: string, target: Uint8Array, offset: number): boolean {
  if (text.length === 22) return parseKafkaUuid(text, target, offset);
  if (text.length === 36) return parseHexUuid(text, target, offset);
  return false;
}

function base64Value(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (BASE64URL_VALUES[code] as number) : -1;
}

function parseKafkaUuid(text: string, target: Uint8Array, offset: number): boolean {
  for (let i = 0, o = offset; i < 20; i += 4, o += 3) {
    const a = base64Value(text, i);
    const b = base64Value(text, i + 1);
    const c = base64Value(text, i + 2);
    const d = base64Value(text, i + 3);
    if ((a | b | c | d) < 0) return false;
    const group = (a << 18) | (b << 12) | (c << 6) | d;
    target[o] = group >>> 16;
    target[o + 1] = (group >>> 8) & 0xff;
    target[o + 2] = group & 0xff;
  }
  const high = base64Value(text, 20);
  const low = base64Value(text, 21);
  // The last character carries 2 bits of data and 4 padding bits, which must be zero (canonical form).
  if ((high | low) < 0 || (low & 0x0f) !== 0) return false;
  target[offset + 15] = (high << 2) | (low >>> 4);
  return true;
}

function hexValue(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function parseHexUuid(text: string, target: Uint8Array, offset: number): boolean {
  let o = offset;
  for (let i = 0; i < 36; ) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (text.charCodeAt(i) !== 0x2d) return false; // '-'
      i++;
      continue;
    }
    const high = hexValue(text, i);
    const low = hexValue(text, i + 1);
    if ((high | low) < 0) return false;
    target[o++] = (high << 4) | low;
    i += 2;
  }
  return true;
}

/** Kafka's `Uuid.ZERO_UUID` in its string form: what a record holds for "no topic id" (and what Kafka never assigns). */
export const ZERO_UUID = "AAAAAAAAAAAAAAAAAAAAAA";

/**
 * A UUID in Kafka's string form (`Uuid.toString()`: 22 characters of URL-safe base64, no padding), from that form,
 * from standard base64 (`+`, `/`, `=` padding, as librdkafka and Java's `Base64.getEncoder()` print it) or from
 * 8-4-4-4-12 hexadecimal. `undefined` when `text` is none of those.
 */
export function toKafkaUuid(text: string): string | undefined {
  const urlSafe = text.length === 24 && text.endsWith("==") ? text.slice(0, 22).replace(/\+/g, "-").replace(/\//g, "_") : text;
  const bytes = new Uint8Array(UUID_BYTES);
  return parseUuidInto(urlSafe, bytes, 0) ? uuidToKafkaString(bytes, 0) : undefined;
}
