// Long-running fuzzing of @kafkesc/bytes-parser (the property tests run the same idea briefly on every test run).
// Feeds random and mutated Kafka-shaped inputs to every reader and to random programs of reads through sub-parsers,
// and fails on anything but a BytesParserError, or on a failed read that moved the cursor.
// Run after `npm run build`: `npm run fuzz -w packages/bytes-parser -- --seconds 60 --seed 42`.
import { Buffer } from "node:buffer";
import console from "node:console";
import process from "node:process";
import { BytesParser, BytesParserError, BytesWriter, StringCache } from "../dist/index.js";

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const seconds = argument("seconds", 20);
const seed = argument("seed", Date.now() % 2 ** 31);

/** xorshift32: reproducible from the printed seed. */
let state = seed >>> 0 || 1;
function random() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

/** Bytes that make length and varint fields interesting. */
const SPECIAL_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x0f, 0x10, 0xc0];
const randomByte = () => (random() < 0.5 ? pick(SPECIAL_BYTES) : int(256));

/** Arguments a caller might pass as a length or a position. */
const SIZES = [0, 1, 2, 3, 7, 8, 16, 100, -1, -2, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 0.5, Number.NaN, Infinity, undefined, "4", 5n, null, {}];
const randomSize = () => (random() < 0.6 ? int(40) : pick(SIZES));

const element = (q) => q.readVarint();
const readers = [
  ["readInt8", (p) => p.readInt8()],
  ["readUint8", (p) => p.readUint8()],
  ["readInt16", (p) => p.readInt16()],
  ["readUint16", (p) => p.readUint16()],
  ["readInt32", (p) => p.readInt32()],
  ["readUint32", (p) => p.readUint32()],
  ["readInt64", (p) => p.readInt64()],
  ["readUint64", (p) => p.readUint64()],
  ["readFloat32", (p) => p.readFloat32()],
  ["readFloat64", (p) => p.readFloat64()],
  ["readBoolean", (p) => p.readBoolean()],
  ["readBytes", (p, n) => p.readBytes(n)],
  ["readUtf8", (p, n) => p.readUtf8(n)],
  ["readUtf8 validate", (p, n) => p.readUtf8(n, { validate: true })],
  ["readVarint", (p) => p.readVarint()],
  ["readVarlong", (p) => p.readVarlong()],
  ["readUnsignedVarint", (p) => p.readUnsignedVarint()],
  ["readString", (p) => p.readString({ validate: true })],
  ["readNullableString", (p) => p.readNullableString()],
  ["readCompactString", (p) => p.readCompactString()],
  ["readCompactNullableString", (p) => p.readCompactNullableString({ validate: true })],
  ["readByteArray", (p) => p.readByteArray()],
  ["readNullableByteArray", (p) => p.readNullableByteArray()],
  ["readCompactByteArray", (p) => p.readCompactByteArray()],
  ["readCompactNullableByteArray", (p) => p.readCompactNullableByteArray()],
  ["readUuid", (p) => p.readUuid()],
  ["readArray", (p) => p.readArray(element)],
  ["readNullableArray", (p) => p.readNullableArray((q) => q.readNullableString())],
  ["readCompactArray", (p) => p.readCompactArray((q) => q.readCompactArray(element))],
  ["readCompactNullableArray", (p) => p.readCompactNullableArray((q) => q.readTaggedFields())],
  ["readTaggedFields", (p) => p.readTaggedFields()],
  ["readTaggedFields handler", (p) => p.readTaggedFields((tag, field) => (tag % 2 === 0 ? (field.readVarlong(), true) : false))],
  ["seek", (p, n) => p.seek(n)],
  ["skip", (p, n) => p.skip(n)],
  ["rewind", (p, n) => p.rewind(n)],
  ["subParser", (p, n) => p.subParser(n)],
  ["peek", (p) => p.peek((q) => q.readCompactString())],
];

/** A valid Kafka-shaped input (what BytesWriter writes), to be mutated: more interesting than pure noise. */
function kafkaShaped() {
  const w = new BytesWriter();
  for (let i = int(8); i >= 0; i--) {
    switch (int(8)) {
      case 0: w.writeString("group-" + int(1000)); break;
      case 1: w.writeCompactNullableString(random() < 0.2 ? null : "t".repeat(int(200))); break;
      case 2: w.writeInt64(BigInt(int(2 ** 31)) * BigInt(int(2 ** 31))); break;
      case 3: w.writeVarlong(BigInt(int(2 ** 31)) - 2n ** 30n); break;
      case 4: w.writeArray(Array.from({ length: int(4) }, () => int(2 ** 31)), (x, v) => void x.writeInt32(v)); break;
      case 5: w.writeTaggedFields(int(2) === 0 ? [] : [{ tag: int(3), data: Uint8Array.of(int(256), int(256)) }]); break;
      case 6: w.writeCompactByteArray(Uint8Array.from({ length: int(20) }, randomByte)); break;
      default: w.writeUnsignedVarint(int(2 ** 32)); break;
    }
  }
  const bytes = Uint8Array.from(w.finish());
  for (let m = int(4); m >= 0 && bytes.length > 0; m--) bytes[int(bytes.length)] = randomByte();
  return random() < 0.3 ? bytes.subarray(0, int(bytes.length + 1)) : bytes;
}

const randomInput = () => (random() < 0.5 ? kafkaShaped() : Uint8Array.from({ length: int(96) }, randomByte));
const hex = (bytes) => Buffer.from(bytes).toString("hex");

function fail(message, input, error) {
  console.error(`FAIL (seed ${seed}): ${message}\n  input: ${hex(input)}`);
  if (error) console.error(error);
  process.exit(1);
}

const tinyCache = new StringCache({ slots: 4, maxBytes: 16 });
const bigEndianParser = new BytesParser(new Uint8Array(0));
const littleEndianInterning = new BytesParser(new Uint8Array(0), { littleEndian: true, internStrings: true });

const deadline = Date.now() + seconds * 1000;
let inputs = 0;
let reads = 0;
let errors = 0;
while (Date.now() < deadline) {
  for (let batch = 0; batch < 200; batch++) {
    const input = randomInput();
    inputs++;
    // A new parser (half of them interning strings in a tiny cache, so slots collide), or one of two reused by reset.
    const choice = random();
    let p =
      choice < 0.25 ? bigEndianParser.reset(input)
      : choice < 0.5 ? littleEndianInterning.reset(input)
      : new BytesParser(input, { littleEndian: random() < 0.5, internStrings: random() < 0.5 ? tinyCache : false });
    for (let step = int(30); step >= 0; step--) {
      const [name, read] = pick(readers);
      const n = randomSize();
      const before = p.position;
      reads++;
      try {
        const result = read(p, n);
        if (name === "subParser" && random() < 0.5) p = result;
      } catch (error) {
        if (!(error instanceof BytesParserError)) fail(`${name}(${String(n)}) threw a ${error?.constructor?.name}`, input, error);
        if (p.position !== before) fail(`${name}(${String(n)}) failed but moved the cursor ${before} -> ${p.position}`, input, error);
        if (!(error.offset >= 0 && error.offset <= input.length)) fail(`${name} reported offset ${error.offset}`, input, error);
        errors++;
      }
      if (!(p.position >= 0 && p.position <= p.length)) fail(`${name} left position ${p.position} of ${p.length}`, input);
    }
  }
}
console.log(`fuzz: seed ${seed}, ${seconds} s: ${inputs.toLocaleString("en-US")} inputs, ${reads.toLocaleString("en-US")} reads, ` +
  `${errors.toLocaleString("en-US")} BytesParserErrors, nothing else thrown`);
