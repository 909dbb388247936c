// The mix again, but as one small Uint8Array per record (what a Kafka consumer hands a decoder): a new BytesParser per
// record, one parser reset per record, and one reset parser interning strings (group and topic names repeat).
import { BytesParser, StringCache } from "../dist/index.js";
import { sink } from "./implementations.mjs";

/** Reads one mix record (see corpus.mjs) with `p`; `collect` gets the values when given. */
function readRecord(p, collect) {
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

/** Splits the mix corpus into one copy per record. */
export function splitRecords(corpus, records) {
  const p = new BytesParser(corpus);
  const result = [];
  for (let r = 0; r < records; r++) {
    const start = p.position;
    readRecord(p);
    result.push(corpus.slice(start, p.position));
  }
  return result;
}

const reused = new BytesParser(new Uint8Array(0));
const interning = new BytesParser(new Uint8Array(0), { internStrings: new StringCache() });

/** Readers of the split records, by name. */
export const smallInputReaders = {
  "new BytesParser per record": (records, collect) => {
    for (const record of records) readRecord(new BytesParser(record), collect);
  },
  "one parser, reset per record": (records, collect) => {
    for (const record of records) readRecord(reused.reset(record), collect);
  },
  "reset + internStrings": (records, collect) => {
    for (const record of records) readRecord(interning.reset(record), collect);
  },
};
