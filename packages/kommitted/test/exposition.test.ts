import { Writable } from "node:stream";
import fc from "fast-check";
import type { Metric } from "prom-client";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { renderText, writeExposition } from "../src/http/exposition.js";
import type { GaugeFamily } from "../src/http/exposition.js";
import { acceptsGzip } from "../src/http/server.js";

/** prom-client's rendering of the same families: the reference the exposition must match byte for byte. */
async function promClientText(families: readonly { name: string; help: string; labels: string[]; samples: { values: (string | number)[]; value: number }[] }[]): Promise<string> {
  const registry = new Registry();
  for (const f of families) {
    const values = f.samples.map((s) => ({ labels: Object.fromEntries(f.labels.map((l, i) => [l, s.values[i]])), value: s.value }));
    const metric = { name: f.name, help: f.help, type: "gauge", aggregator: "sum", get: () => Promise.resolve({ name: f.name, help: f.help, type: "gauge", aggregator: "sum", values }), reset: () => undefined };
    registry.registerMetric(metric as unknown as Metric);
  }
  return registry.metrics();
}

const labelValue = fc.oneof(fc.string(), fc.constantFrom('a"b', "back\\slash", "new\nline", 'all\\"\n', "ünïcødé ✓"), fc.integer({ min: 0, max: 100_000 }), fc.double());
const sampleValue = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e21, 5e-7));
const family = fc
  .record({
    name: fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/),
    help: fc.oneof(fc.string(), fc.constantFrom("with \\ and \n in it")),
    labels: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { maxLength: 7 }),
  })
  .chain((f) => fc.record({ name: fc.constant(f.name), help: fc.constant(f.help), labels: fc.constant(f.labels), samples: fc.array(fc.record({ values: fc.array(labelValue, { minLength: f.labels.length, maxLength: f.labels.length }), value: sampleValue }), { maxLength: 30 }) }));

/** The families as generators, each yielding when `emit` reports the chunk full. */
function asGauges(families: readonly { name: string; help: string; labels: string[]; samples: { values: (string | number)[]; value: number }[] }[]): GaugeFamily[] {
  return families.map((f) => ({
    name: f.name,
    help: f.help,
    labels: f.labels,
    *series(emit) {
      for (const s of f.samples) if (emit(s.values, s.value)) yield;
    },
  }));
}

describe("Prometheus text exposition", () => {
  it("renders byte for byte what prom-client renders: escaping, NaN and infinities, empty families", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(family, { selector: (f) => f.name, minLength: 1, maxLength: 6 }), async (families) => {
        expect(await renderText("", asGauges(families), undefined)).toBe(await promClientText(families));
      }),
      { numRuns: 300 },
    );
  });

  it("renders byte for byte across chunk boundaries: thousands of lines, values that escape to twice their length, a value longer than a chunk", async () => {
    const value = (k: number) => `${"\\".repeat(k % 97)}${'"'.repeat(k % 13)}${"✓".repeat(k % 31)}\n${"x".repeat(k % 500)}`;
    const samples = Array.from({ length: 3000 }, (_, k) => ({ values: [value(k), k, k % 7 === 0 ? "\\".repeat(50_000) : `g${k}`], value: k % 5 === 0 ? k / 3 : -k * 1_000_003 }));
    const families = [{ name: "big_family", help: "many lines", labels: ["a", "partition", "b"], samples }];
    expect(await renderText("# HELP head h\n# TYPE head gauge\nhead 1\n", asGauges(families), undefined)).toBe(`# HELP head h\n# TYPE head gauge\nhead 1\n\n${await promClientText(families)}`);
  });

  it("puts rendered text first, one blank line between it and the families, as prom-client joins metrics", async () => {
    const families = [{ name: "a_metric", help: "help", labels: ["x"], samples: [{ values: ["1"], value: 2 }] }];
    const text = await renderText("# HELP head h\n# TYPE head gauge\nhead 1\n", asGauges(families), undefined);
    expect(text).toBe("# HELP head h\n# TYPE head gauge\nhead 1\n\n# HELP a_metric help\n# TYPE a_metric gauge\na_metric{x=\"1\"} 2\n");
  });

  it("stops rendering while the destination is full, and goes on when it drains", async () => {
    let emitted = 0;
    const big: GaugeFamily = {
      name: "big",
      help: "many series",
      labels: ["topic", "partition"],
      *series(emit) {
        for (let p = 0; p < 200_000; p++) {
          emitted++;
          if (emit(["a-topic-with-a-longish-name", p], p)) yield;
        }
      },
    };
    let received = 0;
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        release = callback; // held until the test lets it go: the destination does not drain meanwhile
      },
    });
    const writing = writeExposition("", [big], undefined, slow);
    await new Promise((r) => setTimeout(r, 50));
    // one chunk of about 64 KiB went out and nothing more was rendered: a fraction of the 200,000 series
    expect(received).toBeGreaterThan(0);
    expect(emitted).toBeLessThan(2_000);
    const stalled = emitted;
    while (release !== undefined || !slow.writableFinished) {
      const next = release;
      release = undefined;
      next?.();
      await new Promise((r) => setImmediate(r));
    }
    await writing;
    expect(emitted).toBe(200_000);
    expect(stalled).toBeLessThan(emitted);
    expect(received).toBeGreaterThan(200_000 * 40);
  });

  it("rejects, without waiting forever, when the destination closes before the end", async () => {
    const family: GaugeFamily = {
      name: "big",
      help: "many series",
      labels: ["partition"],
      *series(emit) {
        for (let p = 0; p < 100_000; p++) if (emit([p], p)) yield;
      },
    };
    const closing = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, _callback) {
        setImmediate(() => this.destroy()); // the scraper goes away after the first chunk
      },
    });
    await expect(writeExposition("", [family], undefined, closing)).rejects.toThrow(/closed/);
  });

  it("accepts gzip only when the scraper lists it with a non-zero quality", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("identity, GZip;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("deflate")).toBe(false);
    expect(acceptsGzip("x-gzip-ish")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
