// Integer range checks shared by BytesParser (lengths, positions) and BytesWriter (values). Each is a typeof test and
// one integer compare, so that anything that is not a number (bigint, object, symbol...) fails the check instead of
// making a bitwise operator throw a TypeError.

/** Whether `value` is an integer in 0..2^32-1 (also how lengths and positions are checked). */
export function isUint32(value: unknown): value is number {
  return typeof value === "number" && value >>> 0 === value;
}

/** Whether `value` is an integer in -2^31..2^31-1. */
export function isInt32(value: unknown): value is number {
  return typeof value === "number" && (value | 0) === value;
}

/** Whether `value` is an integer in -32768..32767. */
export function isInt16(value: unknown): value is number {
  return typeof value === "number" && (value << 16) >> 16 === value;
}

/** Whether `value` is an integer in 0..65535. */
export function isUint16(value: unknown): value is number {
  return typeof value === "number" && (value & 0xffff) === value;
}

/** Whether `value` is an integer in -128..127. */
export function isInt8(value: unknown): value is number {
  return typeof value === "number" && (value << 24) >> 24 === value;
}

/** Whether `value` is an integer in 0..255. */
export function isUint8(value: unknown): value is number {
  return typeof value === "number" && (value & 0xff) === value;
}
