// The README's examples, run as written, so that the documentation cannot drift from the code.
import { describe, expect, it } from "vitest";
import { BytesParser, BytesParserError, BytesWriter } from "@kafkesc/bytes-parser";

describe("README examples", () => {
  it("decodes many small keys with one reset parser that interns strings", () => {
    const batch = [0, 1, 2].map((partition) => ({
      key: new BytesWriter().writeInt16(1).writeString("my-group").writeString("orders").writeInt32(partition).finish(),
    }));
    const groups: string[] = [];
    const keys = new BytesParser(new Uint8Array(0), { internStrings: true });
    for (const message of batch) {
      keys.reset(message.key).skip(2);
      const group = keys.readString();
      groups.push(group);
    }
    expect(groups).toStrictEqual(["my-group", "my-group", "my-group"]);
  });

  it("reads an OffsetCommit key and reports a short string", () => {
    const key = new BytesWriter().writeInt16(1).writeString("my-group").writeString("orders").writeInt32(3).finish();
    const p = new BytesParser(key);
    expect(p.readInt16()).toBe(1);
    expect(p.readString()).toBe("my-group");
    expect(p.readString()).toBe("orders");
    expect(p.readInt32()).toBe(3);
    expect(p.isAtEnd()).toBe(true);

    let caught: unknown;
    try {
      new BytesParser(Uint8Array.of(0x00, 0x05, 0x61)).readString();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BytesParserError);
    expect(caught).toMatchObject({ code: "OUT_OF_BOUNDS", offset: 2, requested: 5, remaining: 1 });
  });

  it("reads a consumer-protocol assignment and a flexible value's tagged fields", () => {
    const bytes = new BytesWriter()
      .writeArray([{ topic: "orders", partitions: [0, 2] }], (w, t) => {
        w.writeString(t.topic).writeArray(t.partitions, (x, n) => void x.writeInt32(n));
      })
      .writeTaggedFields([
        { tag: 0, data: new BytesWriter().writeUuid("AAAAAAAAAAAAAAAAAAAAAQ").finish() },
        { tag: 7, data: Uint8Array.of(1) },
      ])
      .finish();
    const p = new BytesParser(bytes);
    const assignment = p.readArray((q) => ({ topic: q.readString(), partitions: q.readArray((r) => r.readInt32()) }));
    let topicId: string | undefined;
    const unknownTaggedFields = p.readTaggedFields((tag, field) => {
      if (tag !== 0) return false;
      topicId = field.readUuid();
      return true;
    });
    expect(assignment).toEqual([{ topic: "orders", partitions: [0, 2] }]);
    expect(topicId).toBe("AAAAAAAAAAAAAAAAAAAAAQ");
    expect(unknownTaggedFields.map((f) => f.tag)).toEqual([7]);
    expect(p.isAtEnd()).toBe(true);
  });

  it("writes an OffsetCommitValue v4", () => {
    const value = new BytesWriter()
      .writeInt16(4)
      .writeInt64(42n)
      .writeInt32(-1)
      .writeCompactString("")
      .writeInt64(BigInt(Date.now()))
      .writeTaggedFields([{ tag: 0, data: new BytesWriter().writeUuid("AAAAAAAAAAAAAAAAAAAAAQ").finish() }])
      .finish();
    // 2 + 8 + 4 + 1 + 8, then count, tag, size and 16 bytes
    expect(value.length).toBe(23 + 3 + 16);
  });
});
