/** `LineSink`: backpressure respected, a closed pipe (`| head`) ends the output quietly instead of crashing. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { LineSink } from "../src/output.js";

describe("LineSink", () => {
  it("waits for drain when the stream is full and keeps every line in order", async () => {
    const written: string[] = [];
    const slow = new Writable({
      highWaterMark: 8,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        setTimeout(callback, 1);
      },
    });
    const sink = new LineSink(slow);
    for (let i = 0; i < 50; i += 1) await sink.writeLine(`line ${i}`);
    await sink.flush();
    expect(written.join("")).toBe(Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join(""));
  });

  it("turns closed on EPIPE, tells its listeners, and drops later lines without throwing", async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const sink = new LineSink(broken);
    let told = 0;
    sink.onClose(() => (told += 1));
    await sink.writeLine("first");
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.closed).toBe(true);
    expect(told).toBe(1);
    await expect(sink.writeLine("second")).resolves.toBeUndefined();
    await expect(sink.flush()).resolves.toBeUndefined();
    let late = 0;
    sink.onClose(() => (late += 1));
    expect(late).toBe(1);
  });
});
