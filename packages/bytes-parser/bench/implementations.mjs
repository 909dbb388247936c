// One reader of the benchmark inputs per implementation. Each reads every value (storing it in `sink`, so that
// nothing is optimised away) and can also collect the values, to check that all implementations agree.
import { Buffer } from "node:buffer";
import { TextDecoder } from "node:util";
import { createRequire } from "node:module";
import { BytesParser } from "../dist/index.js";

const require = createRequire(import.meta.url);
const ByteBuffer = require("bytebuffer");
const { SmartBuffer } = require("smart-buffer");

/** Where read values go, so that the JIT cannot drop the reads. */
export const sink = { value: undefined };

// ---------------------------------------------------------------------------------------------------------------
// Plain DataView, hand-inlined: the floor that any cursor abstraction adds overhead to.

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

const fromCharCode = String.fromCharCode;

/**
 * The same string strategy as bytes-parser (ASCII in 8- and 4-character fromCharCode chunks up to 40 bytes, else
 * TextDecoder), hand-inlined: so that the comparison measures the cost of the abstraction, not of the algorithm.
 */
export function dataViewString(bytes, start, end) {
  if (end - start <= 40) {
    let s = "";
    let i = start;
    for (; i + 8 <= end; i += 8) {
      const b0 = bytes[i], b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3];
      const b4 = bytes[i + 4], b5 = bytes[i + 5], b6 = bytes[i + 6], b7 = bytes[i + 7];
      if ((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7) >= 0x80) return utf8.decode(bytes.subarray(start, end));
      s += fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7);
    }
    if (i + 4 <= end) {
      const b0 = bytes[i], b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3];
      if ((b0 | b1 | b2 | b3) >= 0x80) return utf8.decode(bytes.subarray(start, end));
      s += fromCharCode(b0, b1, b2, b3);
      i += 4;
    }
    for (; i < end; i++) {
      const b = bytes[i];
      if (b >= 0x80) return utf8.decode(bytes.subarray(start, end));
      s += fromCharCode(b);
    }
    return s;
  }
  return utf8.decode(bytes.subarray(start, end));
}

/** Hand-inlined uvarint over a byte array, returning value and new position packed for the caller. */
function uvarintAt(bytes, p, out) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[p++];
    result |= (b & 0x7f) << shift;
    if (b < 0x80) break;
    shift += 7;
  }
  out.pos = p;
  return result >>> 0;
}

function makeDataView(decodeString) {
  return {
    mix(bytes, records, collect) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const state = { pos: 0 };
      let p = 0;
      for (let r = 0; r < records; r++) {
        const version = dv.getInt16(p);
        p += 2;
        let n = dv.getInt16(p);
        const group = decodeString(bytes, p + 2, p + 2 + n);
        p += 2 + n;
        n = dv.getInt16(p);
        const topic = decodeString(bytes, p + 2, p + 2 + n);
        p += 2 + n;
        const partition = dv.getInt32(p);
        const offset = dv.getBigInt64(p + 4);
        const epoch = dv.getInt32(p + 12);
        p += 16;
        const raw = uvarintAt(bytes, p, state);
        const delta = (raw >>> 1) ^ -(raw & 1);
        const count = uvarintAt(bytes, state.pos, state);
        p = state.pos;
        const timestamp = dv.getBigInt64(p);
        p += 8;
        sink.value = timestamp;
        if (collect) collect.push(version, group, topic, partition, offset, epoch, delta, count, timestamp);
      }
    },
    int16(bytes, count) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let sum = 0;
      for (let i = 0, p = 0; i < count; i++, p += 2) sum += dv.getInt16(p);
      sink.value = sum;
    },
    int32(bytes, count) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let sum = 0;
      for (let i = 0, p = 0; i < count; i++, p += 4) sum += dv.getInt32(p);
      sink.value = sum;
    },
    int64(bytes, count) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0, p = 0; i < count; i++, p += 8) sink.value = dv.getBigInt64(p);
    },
    string(bytes, count) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0, p = 0; i < count; i++) {
        const n = dv.getInt16(p);
        sink.value = decodeString(bytes, p + 2, p + 2 + n);
        p += 2 + n;
      }
    },
    varint(bytes, count) {
      const state = { pos: 0 };
      let sum = 0;
      for (let i = 0, p = 0; i < count; i++) {
        const raw = uvarintAt(bytes, p, state);
        p = state.pos;
        sum += (raw >>> 1) ^ -(raw & 1);
      }
      sink.value = sum;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

const bytesParser = {
  mix(bytes, records, collect) {
    const p = new BytesParser(bytes);
    for (let r = 0; r < records; r++) {
      const version = p.readInt16();
      const group = p.readString();
      const topic = p.readString();
      const partition = p.readInt32();
      const offset = p.readInt64();
      const epoch = p.readInt32();
      const delta = p.readVarint();
      const count = p.readUnsignedVarint();
      const timestamp = p.readInt64();
      sink.value = timestamp;
      if (collect) collect.push(version, group, topic, partition, offset, epoch, delta, count, timestamp);
    }
  },
  int16(bytes, count) {
    const p = new BytesParser(bytes);
    let sum = 0;
    for (let i = 0; i < count; i++) sum += p.readInt16();
    sink.value = sum;
  },
  int32(bytes, count) {
    const p = new BytesParser(bytes);
    let sum = 0;
    for (let i = 0; i < count; i++) sum += p.readInt32();
    sink.value = sum;
  },
  int64(bytes, count) {
    const p = new BytesParser(bytes);
    for (let i = 0; i < count; i++) sink.value = p.readInt64();
  },
  string(bytes, count) {
    const p = new BytesParser(bytes);
    for (let i = 0; i < count; i++) sink.value = p.readString();
  },
  varint(bytes, count) {
    const p = new BytesParser(bytes);
    let sum = 0;
    for (let i = 0; i < count; i++) sum += p.readVarint();
    sink.value = sum;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Node's Buffer methods (readInt16BE..., toString("utf8")); varints by hand over its bytes.

const nodeBuffer = {
  mix(bytes, records, collect) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const state = { pos: 0 };
    let p = 0;
    for (let r = 0; r < records; r++) {
      const version = b.readInt16BE(p);
      let n = b.readInt16BE(p + 2);
      const group = b.toString("utf8", p + 4, p + 4 + n);
      p += 4 + n;
      n = b.readInt16BE(p);
      const topic = b.toString("utf8", p + 2, p + 2 + n);
      p += 2 + n;
      const partition = b.readInt32BE(p);
      const offset = b.readBigInt64BE(p + 4);
      const epoch = b.readInt32BE(p + 12);
      p += 16;
      const raw = uvarintAt(b, p, state);
      const delta = (raw >>> 1) ^ -(raw & 1);
      const count = uvarintAt(b, state.pos, state);
      p = state.pos;
      const timestamp = b.readBigInt64BE(p);
      p += 8;
      sink.value = timestamp;
      if (collect) collect.push(version, group, topic, partition, offset, epoch, delta, count, timestamp);
    }
  },
  int16(bytes, count) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let sum = 0;
    for (let i = 0, p = 0; i < count; i++, p += 2) sum += b.readInt16BE(p);
    sink.value = sum;
  },
  int32(bytes, count) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let sum = 0;
    for (let i = 0, p = 0; i < count; i++, p += 4) sum += b.readInt32BE(p);
    sink.value = sum;
  },
  int64(bytes, count) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0, p = 0; i < count; i++, p += 8) sink.value = b.readBigInt64BE(p);
  },
  string(bytes, count) {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0, p = 0; i < count; i++) {
      const n = b.readInt16BE(p);
      sink.value = b.toString("utf8", p + 2, p + 2 + n);
      p += 2 + n;
    }
  },
  varint: undefined, // no varint reader in Buffer (the DataView baseline shows a hand-written one)
};

// ---------------------------------------------------------------------------------------------------------------
// npm: bytebuffer 5 (int64 as its Long objects; UTF-8 by byte length; varint32 and zigzag varint32).

const byteBuffer = {
  mix(bytes, records, collect) {
    const bb = ByteBuffer.wrap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (let r = 0; r < records; r++) {
      const version = bb.readInt16();
      const group = bb.readUTF8String(bb.readInt16(), ByteBuffer.METRICS_BYTES);
      const topic = bb.readUTF8String(bb.readInt16(), ByteBuffer.METRICS_BYTES);
      const partition = bb.readInt32();
      const offset = bb.readInt64();
      const epoch = bb.readInt32();
      const delta = bb.readVarint32ZigZag();
      const count = bb.readVarint32();
      const timestamp = bb.readInt64();
      sink.value = timestamp;
      if (collect) collect.push(version, group, topic, partition, BigInt(offset.toString()), epoch, delta, count, BigInt(timestamp.toString()));
    }
  },
  int16(bytes, count) {
    const bb = ByteBuffer.wrap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    let sum = 0;
    for (let i = 0; i < count; i++) sum += bb.readInt16();
    sink.value = sum;
  },
  int32(bytes, count) {
    const bb = ByteBuffer.wrap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    let sum = 0;
    for (let i = 0; i < count; i++) sum += bb.readInt32();
    sink.value = sum;
  },
  int64(bytes, count) {
    const bb = ByteBuffer.wrap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (let i = 0; i < count; i++) sink.value = bb.readInt64();
  },
  string(bytes, count) {
    const bb = ByteBuffer.wrap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (let i = 0; i < count; i++) sink.value = bb.readUTF8String(bb.readInt16(), ByteBuffer.METRICS_BYTES);
  },
  varint(bytes, count) {
    const bb = ByteBuffer.wrap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    let sum = 0;
    for (let i = 0; i < count; i++) sum += bb.readVarint32ZigZag();
    sink.value = sum;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// npm: smart-buffer 4 (no varints: in the mix they are read byte by byte with its readUInt8).

function smartUvarint(sb) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = sb.readUInt8();
    result |= (b & 0x7f) << shift;
    if (b < 0x80) return result >>> 0;
    shift += 7;
  }
}

const smartBuffer = {
  mix(bytes, records, collect) {
    const sb = SmartBuffer.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (let r = 0; r < records; r++) {
      const version = sb.readInt16BE();
      const group = sb.readString(sb.readInt16BE(), "utf8");
      const topic = sb.readString(sb.readInt16BE(), "utf8");
      const partition = sb.readInt32BE();
      const offset = sb.readBigInt64BE();
      const epoch = sb.readInt32BE();
      const raw = smartUvarint(sb);
      const delta = (raw >>> 1) ^ -(raw & 1);
      const count = smartUvarint(sb);
      const timestamp = sb.readBigInt64BE();
      sink.value = timestamp;
      if (collect) collect.push(version, group, topic, partition, offset, epoch, delta, count, timestamp);
    }
  },
  int16(bytes, count) {
    const sb = SmartBuffer.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    let sum = 0;
    for (let i = 0; i < count; i++) sum += sb.readInt16BE();
    sink.value = sum;
  },
  int32(bytes, count) {
    const sb = SmartBuffer.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    let sum = 0;
    for (let i = 0; i < count; i++) sum += sb.readInt32BE();
    sink.value = sum;
  },
  int64(bytes, count) {
    const sb = SmartBuffer.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (let i = 0; i < count; i++) sink.value = sb.readBigInt64BE();
  },
  string(bytes, count) {
    const sb = SmartBuffer.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (let i = 0; i < count; i++) sink.value = sb.readString(sb.readInt16BE(), "utf8");
  },
  varint: undefined,
};

/** Every implementation, by the name the report prints. */
export const implementations = {
  "@kafkesc/bytes-parser": bytesParser,
  "DataView (hand-inlined)": makeDataView(dataViewString),
  "DataView + TextDecoder": makeDataView((bytes, start, end) => utf8.decode(bytes.subarray(start, end))),
  "Buffer (readXxBE, toString)": nodeBuffer,
  "bytebuffer 5.0.1": byteBuffer,
  "smart-buffer 4.2.0": smartBuffer,
};
