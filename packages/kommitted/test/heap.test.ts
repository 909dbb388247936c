import { describe, expect, it } from "vitest";
import { preferSmallHeap } from "../src/heap.js";

describe("preferSmallHeap", () => {
  it("sizes V8's heap for memory by default", () => {
    expect(preferSmallHeap([], "")).toBe(true);
    expect(preferSmallHeap(["--enable-source-maps"], "--max-old-space-size=512")).toBe(true);
  });

  it("leaves V8's sizing alone when Node was started with --no-optimize-for-size", () => {
    expect(preferSmallHeap(["--no-optimize-for-size"], "")).toBe(false);
    expect(preferSmallHeap([], "--enable-source-maps --no-optimize-for-size")).toBe(false);
  });
});
