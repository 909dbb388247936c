/**
 * V8's heap sizing for a long-running monitor. kommitted rebuilds its lag snapshot every poll: at 10,000 group
 * partitions that is a few MB of objects that live one poll, long enough to be promoted to the old generation, and
 * V8's default sizing (a 16 MB semi-space, an old generation let grow to several times the live set before a full
 * collection) then holds 100+ MB of dead snapshots for a live set of about 20 MB. `--optimize-for-size` makes V8 size
 * both for memory instead; it is read by the heap's growing heuristics as it runs, so it can be set from inside the
 * process (measured with `npm run bench`: see the README's Memory section).
 */
import { setFlagsFromString } from "node:v8";

/** The flag that turns it off, from the command line or NODE_OPTIONS (`node --no-optimize-for-size`). */
const OPT_OUT = "--no-optimize-for-size";

/** Tells V8 to size its heap for memory rather than speed, unless Node was started with {@link OPT_OUT}. */
export function preferSmallHeap(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? ""): boolean {
  if (execArgv.includes(OPT_OUT) || nodeOptions.split(/\s+/).includes(OPT_OUT)) return false;
  setFlagsFromString("--optimize-for-size");
  return true;
}
