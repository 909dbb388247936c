// The record types are generated from the schema tables: src/generated/types.ts must be exactly what the tables give
// today, so a table edit without `npm run types:write -w packages/konsumer-offsets` fails here, naming the fix.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emitTypes } from "../src/schema/emit-types.js";

describe("src/generated/types.ts", () => {
  it("is what the schema tables generate (else run: npm run types:write -w packages/konsumer-offsets)", () => {
    const committed = readFileSync(new URL("../src/generated/types.ts", import.meta.url), "utf8");
    expect(committed).toBe(emitTypes());
  });

  it("gives every record type, key and value a named type with a pinned Kafka permalink", () => {
    const text = emitTypes();
    for (const name of ["OffsetCommitValue", "GroupMetadataMember", "ShareGroupMetadataValueLayout4_0", "ShareSnapshotValue", "ConsumerSubscription"]) {
      expect(text).toMatch(new RegExp(`export interface ${name}\\b`));
    }
    expect(text).toContain("https://github.com/apache/kafka/blob/4.4.0/group-coordinator/src/main/resources/common/message/OffsetCommitValue.json");
    expect(text).not.toMatch(/blob\/(trunk|main)\//);
  });
});
