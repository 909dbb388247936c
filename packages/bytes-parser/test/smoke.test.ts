import { describe, expect, it } from "vitest";
import { BytesParser, BytesParserError, BytesWriter } from "@kafkesc/bytes-parser";

describe("BytesParser and BytesWriter, end to end", () => {
  it("reads back an OffsetCommit-like key and flexible value written by the writer", () => {
    const w = new BytesWriter()
      .writeInt16(1)
      .writeString("my-group")
      .writeString("orders")
      .writeInt32(7)
      .writeInt16(4)
      .writeInt64(123456789012n)
      .writeInt32(-1)
      .writeCompactString("")
      .writeInt64(1_700_000_000_000n)
      .writeTaggedFields([{ tag: 0, data: new BytesWriter().writeUuid("AAAAAAAAAAAAAAAAAAAAAQ").finish() }]);
    const p = new BytesParser(w.finish());
    expect(p.readInt16()).toBe(1);
    expect(p.readString()).toBe("my-group");
    expect(p.readString()).toBe("orders");
    expect(p.readInt32()).toBe(7);
    expect(p.readInt16()).toBe(4);
    expect(p.readInt64()).toBe(123456789012n);
    expect(p.readInt32()).toBe(-1);
    expect(p.readCompactString()).toBe("");
    expect(p.readInt64()).toBe(1_700_000_000_000n);
    let topicId: string | undefined;
    const unknown = p.readTaggedFields((tag, field) => {
      if (tag !== 0) return false;
      topicId = field.readUuid();
      return true;
    });
    expect(unknown).toEqual([]);
    expect(topicId).toBe("AAAAAAAAAAAAAAAAAAAAAQ");
    expect(p.isAtEnd()).toBe(true);
  });

  it("throws a BytesParserError with the offset when the input is short", () => {
    const p = new BytesParser(new Uint8Array([0, 5, 0x61]));
    const error = (() => {
      try {
        p.readString();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BytesParserError);
    expect(error).toMatchObject({ code: "OUT_OF_BOUNDS", offset: 2, requested: 5, remaining: 1 });
    expect(p.position).toBe(0);
  });
});
