import { describe, expect, it } from "vitest";
import { preferSmallHeap } from "../src/heap.js";

describe("preferSmallHeap", () => {
  it("sets kommitted's heap-growing factor by default", () => {
    expect(preferSmallHeap([])).toBe(true);
    expect(preferSmallHeap(["--enable-source-maps", "--max-old-space-size=512"])).toBe(true);
  });

  it("leaves V8's sizing alone when Node was started with a sizing flag of its own", () => {
    expect(preferSmallHeap(["--optimize-for-size"])).toBe(false);
    expect(preferSmallHeap(["--no-optimize-for-size"])).toBe(false);
    expect(preferSmallHeap(["--enable-source-maps", "--heap-growing-percent=50"])).toBe(false);
    expect(preferSmallHeap(["--heap_growing_percent=50"])).toBe(false);
  });
});
