// Shared by the bytes-parser tests.
import { expect } from "vitest";
import { BytesParserError } from "@kafkesc/bytes-parser";
import type { BytesParserErrorCode } from "@kafkesc/bytes-parser";

/** Bytes from a readable list: numbers and hex strings like "00 0a ff". */
export function bytes(...parts: (number | string)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === "number") out.push(part);
    else for (const hex of part.split(/\s+/).filter(Boolean)) out.push(Number.parseInt(hex, 16));
  }
  return Uint8Array.from(out);
}

/** Runs `action`, expects a BytesParserError with `code` and the given fields, and returns it. */
export function expectError(
  action: () => unknown,
  code: BytesParserErrorCode,
  fields: { offset?: number; requested?: number; remaining?: number } = {},
): BytesParserError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a BytesParserError ${code}`).toBeInstanceOf(BytesParserError);
  const error = thrown as BytesParserError;
  expect(error.code).toBe(code);
  expect(error.name).toBe("BytesParserError");
  expect(error.message.length).toBeGreaterThan(0);
  for (const [key, value] of Object.entries(fields)) expect(error[key as keyof typeof fields], key).toBe(value);
  return error;
}
