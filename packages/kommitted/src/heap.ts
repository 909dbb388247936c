/**
 * V8's heap sizing for a long-running monitor. V8's default sizing lets the old generation grow to several times the
 * live set before a full collection (under `npm run bench`'s load, 98-195 MB of old generation before the lag snapshot
 * was rewritten in place, for a live set of 20-40 MB). A heap-growing factor of 1.2 makes it
 * collect sooner; V8 reads the factor in its heap-growing heuristics as it runs, so it can be set from inside the
 * process; the command sets it as it starts. See the README's Memory section for the figures, and for
 * `--optimize-for-size`.
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
