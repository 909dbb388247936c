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
 * With the native slicer, the JavaScript path is kept only for strings this short: V8 copies a concatenation shorter
 * than 13 characters into one flat string, where longer ones become ropes (pieces linked together), which V8 must
 * flatten the first time the string is hashed, compared or printed, costing more than the native slicer's flat string.
 */
const FLAT_CONCAT_MAX_CHARS = 12;

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
 * Decodes `bytes[start, end)` as UTF-8. The range must be within `bytes` (the caller checked it).
 * With `validate`, invalid UTF-8 makes the `TextDecoder` throw a `TypeError`, which the caller turns into a typed error.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number, validate: boolean): string {
  if (end - start <= (nativeUtf8Slice === undefined || validate ? ASCII_FAST_PATH_MAX_BYTES : FLAT_CONCAT_MAX_CHARS)) {
    const ascii = decodeShortAscii(bytes, start, end);
    if (ascii !== undefined) return ascii;
  }
  if (!validate && nativeUtf8Slice !== undefined) return nativeUtf8Slice.call(bytes, start, end);
  return (validate ? strictDecoder : lenientDecoder).decode(bytes.subarray(start, end));
}

/**
 * {@link decodeUtf8}, preferring the native slicer whatever the length: its strings are flat (one piece), where the
 * short ASCII path builds ropes that V8 flattens on first character access. For strings that are kept and compared.
 */
export function decodeUtf8Flat(bytes: Uint8Array, start: number, end: number, validate: boolean): string {
  if (!validate && nativeUtf8Slice !== undefined) return nativeUtf8Slice.call(bytes, start, end);
  return decodeUtf8(bytes, start, end, validate);
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
 * `bytes[start, end)` as a string if every byte is ASCII, else undefined. Builds the string 8 and 4 characters at a
 * time with `String.fromCharCode`: fewer, larger pieces than byte by byte (V8 copies pieces into one flat string up to
 * 12 characters, then links them), and about twice as fast as one `TextDecoder` call for short names.
 */
function decodeShortAscii(bytes: Uint8Array, start: number, end: number): string | undefined {
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
