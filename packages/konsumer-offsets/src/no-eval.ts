/**
 * `@kafkesc/konsumer-offsets/no-eval`: the same exports as the main entry point, with readers that never use
 * `new Function` (not even to probe it). For web pages whose Content-Security-Policy has no `'unsafe-eval'` and that
 * want no violation report, and for runtimes that forbid code generation. Output is identical; decoding is slower.
 * The main entry point falls back to these readers by itself when code generation is refused, after one refused probe.
 * Import one entry point or the other in an application, not both: the first one loaded decides.
 * @module
 */
import "./codec/interpreted-mode.js";

export * from "./index.js";
