/** Test helpers: run the CLI in-process with captured output, and real records captured from Kafka. */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import type { CapturedRecord } from "../../konsumer-offsets/scripts/capture/manifest.js";
import { LineSink } from "../src/output.js";
import { runCli } from "../src/program.js";

/** What one CLI run did. */
export interface CliRun {
  /** Exit status. */
  status: number;
  /** Everything printed on stdout. */
  stdout: string;
  /** Everything printed on stderr. */
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString("utf8");
}

/** Runs `konsumer-offsets <args>` in-process. */
export async function cli(args: string[], options: { colour?: boolean; signal?: AbortSignal; stdin?: string | Buffer } = {}): Promise<CliRun> {
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? "");
  const out = new PassThrough();
  const err = new PassThrough();
  const stdout = collect(out);
  const stderr = collect(err);
  const status = await runCli(args, {
    stdout: new LineSink(out),
    stderr: new LineSink(err),
    colour: options.colour ?? false,
    signal: options.signal ?? new AbortController().signal,
    stdin,
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { status, stdout: stdout(), stderr: stderr() };
}

/** One record captured from a real broker (see `packages/konsumer-offsets/test/fixtures/real`). */
export type RealRecord = CapturedRecord;

/** Records Kafka 4.4.0 wrote during the fixture capture. */
export function realRecords(version = "4.4.0"): RealRecord[] {
  const file = fileURLToPath(new URL(`../../konsumer-offsets/test/fixtures/real/${version}/records.jsonl`, import.meta.url));
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as RealRecord);
}

/** The first real record of record type `type`, a tombstone or not, whose value holds `valueContains` (text) if given. */
export function realRecord(type: number, options: { tombstone?: boolean; valueContains?: string } = {}): RealRecord {
  const tombstone = options.tombstone ?? false;
  const needle = options.valueContains === undefined ? "" : Buffer.from(options.valueContains).toString("hex");
  const found = realRecords().find(
    (record) =>
      Buffer.from(record.key, "hex").readInt16BE(0) === type &&
      (record.value === null) === tombstone &&
      (record.value ?? "").includes(needle),
  );
  if (!found) throw new Error(`no captured record of type ${type} (tombstone: ${tombstone}, value holding ${options.valueContains})`);
  return found;
}

/** A JSON string as kcat's yajl writes raw bytes: `"`, `\\` and control bytes escaped, every other byte as it is. */
function kcatString(bytes: Uint8Array): Buffer {
  const SHORT: Readonly<Record<number, string>> = { 0x08: "\\b", 0x09: "\\t", 0x0a: "\\n", 0x0c: "\\f", 0x0d: "\\r", 0x22: '\\"', 0x5c: "\\\\" };
  const parts: Buffer[] = [Buffer.from('"')];
  for (const byte of bytes) {
    const escaped = SHORT[byte] ?? (byte < 0x20 ? `\\u00${byte.toString(16).padStart(2, "0")}` : undefined);
    parts.push(escaped === undefined ? Buffer.from([byte]) : Buffer.from(escaped, "latin1"));
  }
  parts.push(Buffer.from('"'));
  return Buffer.concat(parts);
}

/** One line of `kcat -C -J` for a record (bytes, not text: kcat writes key and payload raw). */
export function kcatLine(record: { topic: string; partition: number; offset: number; timestamp?: number | undefined; key: Uint8Array | null; value: Uint8Array | null }): Buffer {
  const ts = record.timestamp === undefined ? "" : `"tstype":"create","ts":${record.timestamp},`;
  return Buffer.concat([
    Buffer.from(`{"topic":${JSON.stringify(record.topic)},"partition":${record.partition},"offset":${record.offset},${ts}"broker":1,"key":`),
    record.key === null ? Buffer.from("null") : kcatString(record.key),
    Buffer.from(',"payload":'),
    record.value === null ? Buffer.from("null") : kcatString(record.value),
    Buffer.from("}"),
  ]);
}
