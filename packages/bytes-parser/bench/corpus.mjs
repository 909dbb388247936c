// The inputs the benchmark reads, written with BytesWriter, so every implementation reads the same bytes.
import { BytesWriter } from "../dist/index.js";

/** Reads per record of the realistic mix (see writeMixRecord). */
export const MIX_READS_PER_RECORD = 9;

/**
 * A record shaped like what a Kafka parser reads most: an OffsetCommit key and value (int16 version, group and topic
 * as int16-length ASCII strings, int32 partition, int64 offset, int32 epoch, int64 timestamp) plus a zigzag varint
 * (a record-batch delta) and an unsigned varint (a compact length or count).
 */
function writeMixRecord(w, i) {
  w.writeInt16(i % 4);
  w.writeString(`consumer-group-${i % 97}`);
  w.writeString(`orders.v${i % 7}`);
  w.writeInt32(i % 64);
  w.writeInt64(BigInt(1_000_000 + i * 37));
  w.writeInt32(i % 5 === 0 ? -1 : 12);
  w.writeVarint((i % 2 === 0 ? 1 : -1) * ((i * 131) % 20_000));
  w.writeUnsignedVarint((i * 7) % 300);
  w.writeInt64(1_732_000_000_000n + BigInt(i));
}

/** `records` mix records back to back. */
export function mixCorpus(records) {
  const w = new BytesWriter({ initialCapacity: records * 64 });
  for (let i = 0; i < records; i++) writeMixRecord(w, i);
  return w.finish();
}

/** `count` values of one type back to back, for the per-reader benchmarks. */
export function singleTypeCorpus(type, count) {
  const w = new BytesWriter({ initialCapacity: count * 16 });
  for (let i = 0; i < count; i++) {
    if (type === "int16") w.writeInt16((i * 7919) % 32768);
    else if (type === "int32") w.writeInt32(i * 104729);
    else if (type === "int64") w.writeInt64(BigInt(i) * 1_000_003n);
    else if (type === "string") w.writeString(`topic-name-${i % 1000}`);
    else if (type === "varint") w.writeVarint((i % 2 === 0 ? 1 : -1) * ((i * 131) % 20_000));
    else throw new Error(`unknown type ${type}`);
  }
  return w.finish();
}
