// UTF-8 decoding and encoding, shared by BytesParser and BytesWriter.
// Short ASCII strings (the common case in Kafka: group ids, topics, client ids) skip TextDecoder/TextEncoder.

/** Strings up to this many bytes are first tried as ASCII, byte by byte; longer ones go straight to TextDecoder. */
const ASCII_FAST_PATH_MAX_BYTES = 32;

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
  if (end - start <= ASCII_FAST_PATH_MAX_BYTES) {
    let text = "";
    let i = start;
    for (; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte >= 0x80) break;
      text += String.fromCharCode(byte);
    }
    if (i === end) return text;
  }
  return (validate ? strictDecoder : lenientDecoder).decode(bytes.subarray(start, end));
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
