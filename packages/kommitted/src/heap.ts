/**
 * V8's heap sizing for a long-running monitor. kommitted rebuilds its lag snapshot every poll: at 10,000 group
 * partitions that is a few MB of objects that live one poll, long enough to be promoted to the old generation, and
 * V8's default sizing lets the old generation grow to several times the live set before a full collection (125-186 MB
 * of old generation for a live set of about 20 MB, measured with `npm run bench`). A heap-growing factor of 1.2 makes it
 * collect sooner; V8 reads the factor in its heap-growing heuristics as it runs, so it can be set from inside the
 * process (see the README's Memory section for the figures, and for `--optimize-for-size`).
 */
import { setFlagsFromString } from "node:v8";

/** The factor kommitted gives V8, as `--heap-growing-percent` (V8's default: between 1.1 and 4, by its own heuristics). */
export const HEAP_GROWING_FLAG = "--heap-growing-percent=20";

/** V8 flags with which the user chose the heap's sizing themselves (on the node command line: NODE_OPTIONS refuses them). */
const USER_SIZING = ["--heap-growing-percent", "--optimize-for-size", "--no-optimize-for-size"];

/** Sets {@link HEAP_GROWING_FLAG} unless Node was started with a sizing flag of {@link USER_SIZING}; true if set. */
export function preferSmallHeap(execArgv: readonly string[] = process.execArgv): boolean {
  const given = execArgv.map((flag) => flag.split("=")[0]?.replaceAll("_", "-"));
  if (given.some((flag) => flag !== undefined && USER_SIZING.includes(flag))) return false;
  setFlagsFromString(HEAP_GROWING_FLAG);
  return true;
}
