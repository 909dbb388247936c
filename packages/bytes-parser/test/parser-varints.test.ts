import { describe, expect, it } from "vitest";
import { BytesParser, BytesWriter } from "@kafkesc/bytes-parser";
import { bytes, expectError } from "./helpers.js";

// Vectors from Kafka's clients/src/test/java/org/apache/kafka/common/utils/ByteUtilsTest.java (testVarintSerde,
// testVarlongSerde, testUnsignedVarintSerde), checked in both directions.
const varints: [number, string][] = [
  [0, "00"],
  [-1, "01"],
  [1, "02"],
  [63, "7e"],
  [-64, "7f"],
  [64, "80 01"],
  [-65, "81 01"],
  [8191, "fe 7f"],
  [-8192, "ff 7f"],
  [8192, "80 80 01"],
  [-8193, "81 80 01"],
  [1048575, "fe ff 7f"],
  [-1048576, "ff ff 7f"],
  [1048576, "80 80 80 01"],
  [-1048577, "81 80 80 01"],
  [134217727, "fe ff ff 7f"],
  [-134217728, "ff ff ff 7f"],
  [134217728, "80 80 80 80 01"],
  [-134217729, "81 80 80 80 01"],
  [2147483647, "fe ff ff ff 0f"],
  [-2147483648, "ff ff ff ff 0f"],
];

const varlongs: [bigint, string][] = [
  ...varints.map(([value, hex]): [bigint, string] => [BigInt(value), hex]),
  [17179869183n, "fe ff ff ff 7f"],
  [-17179869184n, "ff ff ff ff 7f"],
  [2n ** 48n - 1n, "fe ff ff ff ff ff 7f"], // the longest that stays on the number path (7 bytes)
  [2n ** 48n, "80 80 80 80 80 80 80 01"],
  [-(2n ** 48n) - 1n, "81 80 80 80 80 80 80 01"],
  [562949953421311n, "fe ff ff ff ff ff ff 01"],
  [-562949953421312n, "ff ff ff ff ff ff ff 01"],
  [2n ** 62n, "80 80 80 80 80 80 80 80 80 01"],
  [9223372036854775807n, "fe ff ff ff ff ff ff ff ff 01"],
  [-9223372036854775808n, "ff ff ff ff ff ff ff ff ff 01"],
];

const unsignedVarints: [number, string][] = [
  [0, "00"],
  [1, "01"],
  [127, "7f"],
  [128, "80 01"],
  [300, "ac 02"],
  [16383, "ff 7f"],
  [16384, "80 80 01"],
  [2 ** 28 - 1, "ff ff ff 7f"],
  [2 ** 28, "80 80 80 80 01"],
  [2147483647, "ff ff ff ff 07"],
  [2147483648, "80 80 80 80 08"],
  [4294967295, "ff ff ff ff 0f"],
];

// Each vector is read at the very end of the input (bounds checked byte by byte) and followed by padding (the
// unrolled path that the 5 remaining bytes of the longest varint allow).
const paddings = ["", "ee ee ee ee ee ee ee ee ee ee"];

describe("Kafka varints", () => {
  it.each(varints)("VARINT %d <-> %s", (value, hex) => {
    for (const padding of paddings) {
      const p = new BytesParser(bytes(hex, padding));
      expect(p.readVarint()).toBe(value);
      expect(p.position).toBe(bytes(hex).length);
    }
    expect(new BytesWriter().writeVarint(value).finish()).toEqual(bytes(hex));
  });

  it.each(varlongs)("VARLONG %d <-> %s", (value, hex) => {
    for (const padding of paddings) {
      const p = new BytesParser(bytes(hex, padding));
      expect(p.readVarlong()).toBe(value);
      expect(p.position).toBe(bytes(hex).length);
    }
    expect(new BytesWriter().writeVarlong(value).finish()).toEqual(bytes(hex));
  });

  it.each(unsignedVarints)("UNSIGNED_VARINT %d <-> %s", (value, hex) => {
    for (const padding of paddings) {
      const p = new BytesParser(bytes(hex, padding));
      expect(p.readUnsignedVarint()).toBe(value);
      expect(p.position).toBe(bytes(hex).length);
    }
    expect(new BytesWriter().writeUnsignedVarint(value).finish()).toEqual(bytes(hex));
  });

  it("reads non-minimal encodings as Kafka does (padding groups of zero)", () => {
    expect(new BytesParser(bytes("80 00")).readUnsignedVarint()).toBe(0);
    expect(new BytesParser(bytes("81 80 80 80 00")).readVarint()).toBe(-1);
    expect(new BytesParser(bytes("80 80 80 80 80 80 80 80 80 00")).readVarlong()).toBe(0n);
  });

  it("VARINT_TOO_LONG: a 6th byte, or a 5th byte beyond 32 bits, for varints", () => {
    const p = new BytesParser(bytes("00", "ff ff ff ff ff 01"));
    p.skip(1);
    expectError(() => p.readUnsignedVarint(), "VARINT_TOO_LONG", { offset: 1 });
    expectError(() => p.readVarint(), "VARINT_TOO_LONG", { offset: 1 });
    expect(p.position).toBe(1);
    expectError(() => new BytesParser(bytes("80 80 80 80 10")).readUnsignedVarint(), "VARINT_TOO_LONG", { offset: 0 });
    expectError(() => new BytesParser(bytes("ff ff ff ff 7f")).readVarint(), "VARINT_TOO_LONG");
  });

  it("VARINT_TOO_LONG: an 11th byte, or a 10th byte beyond 64 bits, for varlongs", () => {
    const p = new BytesParser(bytes("00 00", "80 80 80 80 80 80 80 80 80 80 01"));
    p.skip(2);
    expectError(() => p.readVarlong(), "VARINT_TOO_LONG", { offset: 2 });
    expect(p.position).toBe(2);
    expectError(() => new BytesParser(bytes("ff ff ff ff ff ff ff ff ff 02")).readVarlong(), "VARINT_TOO_LONG");
  });

  it("OUT_OF_BOUNDS when the input ends inside a varint, with the bytes it had reached", () => {
    expectError(() => new BytesParser(bytes("")).readUnsignedVarint(), "OUT_OF_BOUNDS", { offset: 0, requested: 1, remaining: 0 });
    expectError(() => new BytesParser(bytes("ff ff")).readVarint(), "OUT_OF_BOUNDS", { offset: 0, requested: 3, remaining: 2 });
    expectError(() => new BytesParser(bytes("ff ff ff ff")).readUnsignedVarint(), "OUT_OF_BOUNDS", { offset: 0, requested: 5, remaining: 4 });
    expectError(() => new BytesParser(bytes("")).readVarlong(), "OUT_OF_BOUNDS", { requested: 1 });
    expectError(() => new BytesParser(bytes("ff ff ff ff ff ff ff ff")).readVarlong(), "OUT_OF_BOUNDS", { requested: 9, remaining: 8 });
    const p = new BytesParser(bytes("00 80"));
    p.skip(1);
    expectError(() => p.readUnsignedVarint(), "OUT_OF_BOUNDS", { offset: 1, requested: 2, remaining: 1 });
    expect(p.position).toBe(1);
  });
});
