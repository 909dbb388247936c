/**
 * Prometheus text exposition (format 0.0.4) of gauges computed at scrape time, written in chunks as it is rendered.
 *
 * Why not prom-client's renderer: it holds every series of every metric at once (a label object per series, then a
 * string per line, then the joined text and its Buffer). At 10,000 group partitions that is about 97,000 series and
 * 16 MB of text, and each scrape grew kommitted's RSS by about 44 MB and took 0.8 s (measured with Prometheus'
 * interval of 15 s in `bench/bench.mjs`). Here each line is appended to a chunk of at most {@link CHUNK_CHARS}; a full
 * chunk is written out, and rendering waits whenever the client has not read what was written. The text is byte for
 * byte what prom-client renders for the same samples (`test/exposition.test.ts` checks it against prom-client).
 */
import type { Writable } from "node:stream";

/** Label values of one series, in the order of the family's label names. */
export type LabelValues = readonly (string | number)[];

/** One gauge family: name, help, label names, and its series computed at each scrape from the scrape's `context`. */
export interface GaugeFamily<C = undefined> {
  /** Metric name. */
  readonly name: string;
  /** Help text. */
  readonly help: string;
  /** Label names, in the order `series` gives their values. */
  readonly labels: readonly string[];
  /**
   * Emits the family's series through `emit`. `emit` returns true when the chunk is full: a generator should then
   * yield, and rendering writes the chunk out (waiting for the client to read if it has not). A plain function emits
   * everything in one chunk (for families of a few series).
   */
  series(emit: (labelValues: LabelValues, value: number) => boolean, context: C): Iterable<unknown> | void;
}

/** Characters of text gathered before a chunk is written out (the text is mostly ASCII: about as many bytes). */
const CHUNK_CHARS = 64 * 1024;

/** Prometheus' escaping of a metric name or help text: backslash and newline. */
export function escapeHelp(text: string): string {
  return /[\\\n]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n") : text;
}

/** Prometheus' escaping of a label value: backslash, newline and double quote. */
export function escapeLabelValue(value: string | number): string {
  if (typeof value === "number") return String(value);
  return /[\\\n"]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"') : value;
}

/** A sample value as Prometheus' text format writes it (prom-client's spelling of NaN: `Nan`). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "Nan";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

/** Where rendered text goes: a sink that may ask the renderer to wait. */
interface Sink {
  /** Takes a chunk of text; resolves when more may be written. */
  write(text: string): Promise<void> | undefined;
}

/**
 * Renders `families` after `head` (text already rendered, such as prom-client's default metrics; empty or ending in a
 * newline), giving each full chunk to `sink`. Families are separated by a blank line, as prom-client separates them.
 * Every family reads the same `context` (what one scrape sees).
 */
async function render<C>(head: string, families: readonly GaugeFamily<C>[], context: C, sink: Sink): Promise<void> {
  let chunk = head;
  let separate = head.length > 0;
  for (const family of families) {
    const name = escapeHelp(family.name);
    chunk += `${separate ? "\n" : ""}# HELP ${name} ${escapeHelp(family.help)}\n# TYPE ${name} gauge\n`;
    separate = true;
    // `name{a="` `",b="` ... `"} `: the fixed parts of every line of the family
    const opens = family.labels.map((label, i) => `${i === 0 ? "{" : '",'}${label}="`);
    const close = family.labels.length > 0 ? '"} ' : " ";
    const emit = (values: LabelValues, value: number) => {
      let line = name;
      for (let i = 0; i < opens.length; i++) line += (opens[i] as string) + escapeLabelValue(values[i] ?? "");
      chunk += `${line}${close}${formatValue(value)}\n`;
      return chunk.length >= CHUNK_CHARS;
    };
    const batches = family.series(emit, context);
    if (batches === undefined) continue;
    for (const _ of batches) {
      if (chunk.length < CHUNK_CHARS) continue;
      const text = chunk;
      chunk = "";
      await sink.write(text);
    }
  }
  if (chunk.length > 0) await sink.write(chunk);
}

/** The whole exposition as one string. */
export async function renderText<C>(head: string, families: readonly GaugeFamily<C>[], context: C): Promise<string> {
  // each chunk kept as bytes: a chunk's text is a tree of thousands of small strings, and keeping 200 such trees alive
  // to the end tripled the cost of a scrape (measured at 10,000 group partitions: 0.29 s of CPU against 0.1 s)
  const parts: Buffer[] = [];
  await render(head, families, context, { write: (text) => void parts.push(Buffer.from(text)) });
  return Buffer.concat(parts).toString();
}

/**
 * Writes the exposition to `out` (an HTTP response, or a gzip stream in front of one) and ends it. Rendering waits for
 * `out` to drain whenever it is full, so the text in memory stays within a chunk or two of what `out` buffers; if
 * `out` closes or fails first (the scraper went away), rendering stops and the promise rejects.
 */
export async function writeExposition<C>(head: string, families: readonly GaugeFamily<C>[], context: C, out: Writable): Promise<void> {
  await render(head, families, context, {
    write: (text) => (out.write(text) ? undefined : drained(out)),
  });
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end(() => resolve());
  });
}

/** Resolves when `out` drains; rejects if it closes or fails before. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error("the scraper closed the connection"));
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", done);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("the scraper closed the connection"));
    out.on("drain", onDrain);
    out.on("close", onClose);
    out.on("error", done);
  });
}
