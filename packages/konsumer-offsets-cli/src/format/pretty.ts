/**
 * `--format pretty`: a human-readable block per record. A header line (position, record type, group, tombstone),
 * then every decoded field indented, bytes as hex, int64 as exact integers, timestamps with their UTC date.
 * Colours only when asked (the CLI asks when stdout is a TTY and `NO_COLOR` is unset).
 */
import { recordGroupId } from "@kafkesc/konsumer-offsets";
import type { OffsetsRecord } from "@kafkesc/konsumer-offsets";
import type { RecordPosition } from "./position.js";

/** Options of the pretty printer. */
export interface PrettyOptions {
  /** Emit ANSI colours. */
  readonly colour: boolean;
}

/** Longest byte string printed in full; longer ones are cut and their length given. */
const MAX_BYTES_SHOWN = 64;

const ANSI = { bold: "1", dim: "2", red: "31", green: "32", yellow: "33", cyan: "36" } as const;

/** The record as a multi-line block (no trailing newline). */
export function formatPretty(record: OffsetsRecord, position: RecordPosition | undefined, options: PrettyOptions): string {
  const paint = (style: keyof typeof ANSI, text: string) => (options.colour ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const header: string[] = [];
  if (position) {
    header.push(paint("dim", `p${position.partition}@${position.offset}`));
    if (position.timestamp !== undefined) header.push(paint("dim", new Date(position.timestamp).toISOString()));
  }
  header.push(paint("bold", `${record.type} (type ${record.recordType})`));
  const group = recordGroupId(record);
  if (group !== undefined) header.push(`group=${paint("cyan", JSON.stringify(group))}`);
  if (record.tombstone) header.push(paint("red", "TOMBSTONE"));

  const lines = [header.join(" ")];
  const { type: _type, recordType: _recordType, tombstone: _tombstone, ...fields } = record;
  renderObject(fields, "  ", lines, paint);
  return lines.join("\n");
}

type Paint = (style: keyof typeof ANSI, text: string) => string;

function renderObject(object: object, indent: string, lines: string[], paint: Paint): void {
  for (const [name, value] of Object.entries(object)) {
    if (value === undefined) continue;
    renderField(name, value, indent, lines, paint);
  }
}

function renderField(name: string, value: unknown, indent: string, lines: string[], paint: Paint): void {
  const label = `${indent}${paint("yellow", name)}:`;
  if (isScalar(value)) {
    lines.push(`${label} ${renderScalar(name, value, paint)}`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${label} []`);
    } else if (value.every(isScalar)) {
      lines.push(`${label} [${value.map((item) => renderScalar(name, item, paint)).join(", ")}]`);
    } else {
      lines.push(label);
      for (const item of value) renderListItem(item, `${indent}  `, lines, paint);
    }
  } else {
    lines.push(label);
    renderObject(value as object, `${indent}  `, lines, paint);
  }
}

function renderListItem(item: unknown, indent: string, lines: string[], paint: Paint): void {
  if (isScalar(item)) {
    lines.push(`${indent}- ${renderScalar("", item, paint)}`);
    return;
  }
  const nested: string[] = [];
  if (Array.isArray(item)) {
    item.forEach((element, index) => renderField(String(index), element, `${indent}  `, nested, paint));
  } else {
    renderObject(item as object, `${indent}  `, nested, paint);
  }
  const [first, ...rest] = nested;
  lines.push(first === undefined ? `${indent}- {}` : `${indent}- ${first.slice(indent.length + 2)}`, ...rest);
}

type Scalar = string | number | bigint | boolean | null | Uint8Array;

function isScalar(value: unknown): value is Scalar {
  return value === null || value instanceof Uint8Array || typeof value !== "object";
}

function renderScalar(name: string, value: Scalar, paint: Paint): string {
  if (value === null) return paint("dim", "null");
  if (value instanceof Uint8Array) return renderBytes(value);
  if (typeof value === "string") return paint("green", JSON.stringify(value));
  const text = String(value);
  if (/timestamp$/i.test(name) && (typeof value === "bigint" || typeof value === "number") && value > 0) {
    const ms = Number(value);
    const date = new Date(ms);
    if (!Number.isNaN(date.getTime())) return `${text} ${paint("dim", `(${date.toISOString()})`)}`;
  }
  return text;
}

function renderBytes(bytes: Uint8Array): string {
  const shown = Buffer.from(bytes.subarray(0, MAX_BYTES_SHOWN)).toString("hex");
  return bytes.length > MAX_BYTES_SHOWN ? `0x${shown}... (${bytes.length} bytes)` : `0x${shown} (${bytes.length} bytes)`;
}
