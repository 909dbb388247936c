/**
 * Line output that respects backpressure and survives a closed pipe. `konsumer-offsets tail | head -3` must print three
 * records and end quietly: when the reader goes away (EPIPE) the sink turns `closed` and the run stops instead of
 * crashing or buffering without bound.
 */
import type { Writable } from "node:stream";

/** Writes lines to a stream; `closed` once the reader is gone. */
export class LineSink {
  readonly #stream: Writable;
  #closed = false;
  readonly #closeListeners: Array<() => void> = [];

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
        this.#markClosed();
        return;
      }
      throw error;
    });
    stream.on("close", () => this.#markClosed());
  }

  /** True once the stream cannot take more output (reader closed the pipe). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Calls `listener` once when the sink closes (immediately if it already has). */
  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#closeListeners.push(listener);
  }

  /** Writes `line` and a newline; resolves when the stream can take more (backpressure), or at once if closed. */
  async writeLine(line: string): Promise<void> {
    if (this.#closed) return;
    if (this.#stream.write(`${line}\n`)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#stream.off("drain", done);
        resolve();
      };
      this.#stream.once("drain", done);
      this.onClose(done);
    });
  }

  /** Resolves once everything written so far has been handed to the OS (or the stream is gone). */
  async flush(): Promise<void> {
    if (this.#closed || this.#stream.writableLength === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.#stream.once("drain", done);
      this.onClose(done);
    });
  }

  #markClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#closeListeners.splice(0)) listener();
  }
}
