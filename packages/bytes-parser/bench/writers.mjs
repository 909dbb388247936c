// Writers of the realistic mix (see corpus.mjs) per implementation, for the write benchmark. Each returns the bytes
// written, so that the benchmark can check they are all identical.
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { BytesWriter } from "../dist/index.js";

const require = createRequire(import.meta.url);
const ByteBuffer = require("bytebuffer");
const { SmartBuffer } = require("smart-buffer");
const Long = ByteBuffer.Long;

/** The values of one mix record, prepared once so that every writer writes the same thing. */
export function mixValues(records) {
  return Array.from({ length: records }, (_, i) => ({
    version: i % 4,
    group: `consumer-group-${i % 97}`,
    topic: `orders.v${i % 7}`,
    partition: i % 64,
    offset: BigInt(1_000_000 + i * 37),
    epoch: i % 5 === 0 ? -1 : 12,
    delta: (i % 2 === 0 ? 1 : -1) * ((i * 131) % 20_000),
    count: (i * 7) % 300,
    timestamp: 1_732_000_000_000n + BigInt(i),
  }));
}

/** Hand-written DataView code with a buffer large enough up front (no growth, no checks): the floor. */
function dataView(values) {
  const bytes = new Uint8Array(values.length * 64);
  const dv = new DataView(bytes.buffer);
  let p = 0;
  const uvarint = (v) => {
    while (v >= 0x80) {
      bytes[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    bytes[p++] = v;
  };
  const string = (s) => {
    const n = s.length; // ASCII: the mix's strings are
    dv.setInt16(p, n);
    for (let i = 0; i < n; i++) bytes[p + 2 + i] = s.charCodeAt(i);
    p += 2 + n;
  };
  for (const r of values) {
    dv.setInt16(p, r.version);
    p += 2;
    string(r.group);
    string(r.topic);
    dv.setInt32(p, r.partition);
    dv.setBigInt64(p + 4, r.offset);
    dv.setInt32(p + 12, r.epoch);
    p += 16;
    uvarint(((r.delta << 1) ^ (r.delta >> 31)) >>> 0);
    uvarint(r.count);
    dv.setBigInt64(p, r.timestamp);
    p += 8;
  }
  return bytes.subarray(0, p);
}

function bytesWriter(values) {
  const w = new BytesWriter();
  for (const r of values) {
    w.writeInt16(r.version).writeString(r.group).writeString(r.topic).writeInt32(r.partition).writeInt64(r.offset);
    w.writeInt32(r.epoch).writeVarint(r.delta).writeUnsignedVarint(r.count).writeInt64(r.timestamp);
  }
  return w.finish();
}

function byteBuffer(values) {
  const bb = new ByteBuffer(256);
  for (const r of values) {
    bb.writeInt16(r.version);
    bb.writeInt16(Buffer.byteLength(r.group));
    bb.writeUTF8String(r.group);
    bb.writeInt16(Buffer.byteLength(r.topic));
    bb.writeUTF8String(r.topic);
    bb.writeInt32(r.partition);
    bb.writeInt64(Long.fromString(r.offset.toString()));
    bb.writeInt32(r.epoch);
    bb.writeVarint32ZigZag(r.delta);
    bb.writeVarint32(r.count);
    bb.writeInt64(Long.fromString(r.timestamp.toString()));
  }
  bb.flip();
  return new Uint8Array(bb.toBuffer());
}

function smartBuffer(values) {
  const sb = new SmartBuffer();
  const uvarint = (v) => {
    while (v >= 0x80) {
      sb.writeUInt8((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    sb.writeUInt8(v);
  };
  for (const r of values) {
    sb.writeInt16BE(r.version);
    sb.writeInt16BE(Buffer.byteLength(r.group));
    sb.writeString(r.group, "utf8");
    sb.writeInt16BE(Buffer.byteLength(r.topic));
    sb.writeString(r.topic, "utf8");
    sb.writeInt32BE(r.partition);
    sb.writeBigInt64BE(r.offset);
    sb.writeInt32BE(r.epoch);
    uvarint(((r.delta << 1) ^ (r.delta >> 31)) >>> 0);
    uvarint(r.count);
    sb.writeBigInt64BE(r.timestamp);
  }
  return new Uint8Array(sb.toBuffer());
}

/** Every writer, by the name the report prints. */
export const writers = {
  "@kafkesc/bytes-parser": bytesWriter,
  "DataView (hand-inlined)": dataView,
  "bytebuffer 5.0.1": byteBuffer,
  "smart-buffer 4.2.0": smartBuffer,
};
