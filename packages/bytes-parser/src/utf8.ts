// UTF-8 decoding and encoding, shared by BytesParser, StringCache and BytesWriter.
// Short ASCII strings (the common case in Kafka: group ids, topics, client ids) are built in plain JavaScript. Longer
// or non-ASCII ones go, on Node, through Buffer's native UTF-8 slicer (found on `globalThis`, so the package keeps
// zero runtime dependencies and still runs in browsers), else through TextDecoder (always, to validate).

/**
 * Strings up to this many bytes are first tried as ASCII in plain JavaScript; longer ones go straight to the native
 * slicer (about 70 ns a call on Node 20) or TextDecoder (about 120 ns), which the ASCII path beats up to about 40 bytes.
 */
const ASCII_FAST_PATH_MAX_BYTES = 40;

/**
 * With the native slicer, the JavaScript path is kept only for strings it builds in one `String.fromCharCode` call:
 * those are flat, where pieces concatenated past 12 characters become ropes (pieces linked together), which V8 must
 * flatten the first time the string is hashed, compared or printed, costing more than the native slicer's flat string.
 */
const SINGLE_CALL_MAX_BYTES = 16;

const fromCharCode = String.fromCharCode;

/** Node's `Buffer.prototype.utf8Slice`: decodes any `Uint8Array` range, invalid sequences as U+FFFD (as TextDecoder). */
type NativeSlice = (this: Uint8Array, start: number, end: number) => string;

/** The native UTF-8 slicer when running on Node (or anything with a compatible `Buffer`), else undefined. */
const nativeUtf8Slice: NativeSlice | undefined = (() => {
  const candidate = (globalThis as { Buffer?: { prototype?: { utf8Slice?: unknown } } }).Buffer?.prototype?.utf8Slice;
  return typeof candidate === "function" ? (candidate as NativeSlice) : undefined;
})();

/** Whether decoding uses Node's native UTF-8 slicer (false in browsers, where the pure JavaScript path runs). */
export const NATIVE_UTF8 = nativeUtf8Slice !== undefined;

/** Replaces invalid sequences with U+FFFD, as Java's `new String(bytes, UTF_8)` does. Keeps a leading BOM, as Java does. */
const lenientDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
/** Throws a `TypeError` on invalid sequences: used only when the caller asks for validation. */
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes `bytes[start, end)` as UTF-8. The range must be within `bytes` (the caller checked it). With the native
 * slicer, every string it returns is flat (one piece, never a rope): ready to be hashed and compared.
 * With `validate`, invalid UTF-8 makes the `TextDecoder` throw a `TypeError`, which the caller turns into a typed error.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number, validate: boolean): string {
  if (end === start) return ""; // Kafka's many empty strings (offset metadata), without a call
  if (end - start <= (nativeUtf8Slice === undefined || validate ? ASCII_FAST_PATH_MAX_BYTES : SINGLE_CALL_MAX_BYTES)) {
    const ascii = decodeShortAscii(bytes, start, end);
    if (ascii !== undefined) return ascii;
  }
  if (!validate && nativeUtf8Slice !== undefined) return nativeUtf8Slice.call(bytes, start, end);
  return (validate ? strictDecoder : lenientDecoder).decode(bytes.subarray(start, end));
}

/** {@link decodeUtf8} without the native slicer: what runs in browsers, and for validation. Exported for tests. */
export function decodeUtf8Portable(bytes: Uint8Array, start: number, end: number, validate: boolean): string {
  if (end - start <= ASCII_FAST_PATH_MAX_BYTES) {
    const ascii = decodeShortAscii(bytes, start, end);
    if (ascii !== undefined) return ascii;
  }
  return (validate ? strictDecoder : lenientDecoder).decode(bytes.subarray(start, end));
}

/**
 * `bytes[start, end)` as a string if every byte is ASCII, else undefined. Up to 16 bytes: one `String.fromCharCode`
 * call with one argument per byte, which gives a flat string (measured on Node 20: about 40-55 ns for 10-14 bytes,
 * where the native slicer takes 70-85 ns). Longer: 8 and 4 characters at a time (fewer, larger pieces than byte by
 * byte; V8 links pieces into a rope past 12 characters, which the native slicer avoids, see {@link decodeUtf8}).
 */
function decodeShortAscii(bytes: Uint8Array, start: number, end: number): string | undefined {
  return end - start <= SINGLE_CALL_MAX_BYTES ? asciiInOneCall(bytes, start, end - start) : asciiInPieces(bytes, start, end);
}

/** `bytes[s, s + n)` (n from 0 to 16) in one `String.fromCharCode` call if every byte is ASCII, else undefined. */
function asciiInOneCall(bytes: Uint8Array, s: number, n: number): string | undefined {
  switch (n) {
    case 0:
      return "";
    case 1:
      return ((bytes[s] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number);
    case 2:
      return ((bytes[s] as number) | (bytes[s + 1] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number);
    case 3:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number);
    case 4:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number);
    case 5:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number);
    case 6:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number);
    case 7:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number);
    case 8:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number);
    case 9:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number);
    case 10:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number);
    case 11:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number) | (bytes[s + 10] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number, bytes[s + 10] as number);
    case 12:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number) | (bytes[s + 10] as number) | (bytes[s + 11] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number, bytes[s + 10] as number, bytes[s + 11] as number);
    case 13:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number) | (bytes[s + 10] as number) | (bytes[s + 11] as number) | (bytes[s + 12] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number, bytes[s + 10] as number, bytes[s + 11] as number, bytes[s + 12] as number);
    case 14:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number) | (bytes[s + 10] as number) | (bytes[s + 11] as number) | (bytes[s + 12] as number) | (bytes[s + 13] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number, bytes[s + 10] as number, bytes[s + 11] as number, bytes[s + 12] as number, bytes[s + 13] as number);
    case 15:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number) | (bytes[s + 10] as number) | (bytes[s + 11] as number) | (bytes[s + 12] as number) | (bytes[s + 13] as number) | (bytes[s + 14] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number, bytes[s + 10] as number, bytes[s + 11] as number, bytes[s + 12] as number, bytes[s + 13] as number, bytes[s + 14] as number);
    case 16:
      return ((bytes[s] as number) | (bytes[s + 1] as number) | (bytes[s + 2] as number) | (bytes[s + 3] as number) | (bytes[s + 4] as number) | (bytes[s + 5] as number) | (bytes[s + 6] as number) | (bytes[s + 7] as number) | (bytes[s + 8] as number) | (bytes[s + 9] as number) | (bytes[s + 10] as number) | (bytes[s + 11] as number) | (bytes[s + 12] as number) | (bytes[s + 13] as number) | (bytes[s + 14] as number) | (bytes[s + 15] as number)) >= 0x80 ? undefined : fromCharCode(bytes[s] as number, bytes[s + 1] as number, bytes[s + 2] as number, bytes[s + 3] as number, bytes[s + 4] as number, bytes[s + 5] as number, bytes[s + 6] as number, bytes[s + 7] as number, bytes[s + 8] as number, bytes[s + 9] as number, bytes[s + 10] as number, bytes[s + 11] as number, bytes[s + 12] as number, bytes[s + 13] as number, bytes[s + 14] as number, bytes[s + 15] as number);
    default:
      throw new RangeError(`asciiInOneCall takes 0 to ${SINGLE_CALL_MAX_BYTES} bytes, got ${n}`);
  }
}

/** {@link decodeShortAscii} for more than 16 bytes: 8 and 4 characters per `String.fromCharCode` call, then one by one. */
function asciiInPieces(bytes: Uint8Array, start: number, end: number): string | undefined {
  let text = "";
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1] as number;
    const b2 = bytes[i + 2] as number;
    const b3 = bytes[i + 3] as number;
    const b4 = bytes[i + 4] as number;
    const b5 = bytes[i + 5] as number;
    const b6 = bytes[i + 6] as number;
    const b7 = bytes[i + 7] as number;
    if ((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7) >= 0x80) return undefined;
    text += fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7);
  }
  if (i + 4 <= end) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1] as number;
    const b2 = bytes[i + 2] as number;
    const b3 = bytes[i + 3] as number;
    if ((b0 | b1 | b2 | b3) >= 0x80) return undefined;
    text += fromCharCode(b0, b1, b2, b3);
    i += 4;
  }
  for (; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x80) return undefined;
    text += fromCharCode(byte);
  }
  return text;
}

/**
 * Number of bytes `text` takes in UTF-8, counting a lone surrogate as the 3 bytes of U+FFFD
 * (what `TextEncoder` writes for it).
 */
export function utf8ByteLength(text: string): number {
  const units = text.length;
  let length = units;
  for (let i = 0; i < units; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      length += 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < units) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 2; // 2 UTF-16 units, 4 bytes
        i++;
      } else {
        length += 2; // lone high surrogate: U+FFFD
      }
    } else {
      length += 2;
    }
  }
  return length;
}

/**
 * Writes `text` as UTF-8 into `target` at `offset`. `byteLength` must be `utf8ByteLength(text)` and `target`
 * must have room for it (the caller grew it). ASCII is copied unit by unit; anything else goes through `TextEncoder`.
 */
export function encodeUtf8Into(text: string, byteLength: number, target: Uint8Array, offset: number): void {
  if (byteLength === text.length) {
    for (let i = 0; i < byteLength; i++) target[offset + i] = text.charCodeAt(i);
    return;
  }
  encoder.encodeInto(text, target.subarray(offset, offset + byteLength));
}
