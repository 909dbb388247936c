/**
 * V8's heap sizing for a long-running monitor. V8's default sizing lets the old generation grow to several times the
 * live set before a full collection (under `npm run bench`'s load, 98-195 MB of old generation before the lag snapshot
 * was rewritten in place, for a live set of 20-40 MB). A heap-growing factor of 1.2 makes it
 * collect sooner; V8 reads the factor in its heap-growing heuristics as it runs, so it can be set from inside the
 * process; the command sets it as it starts, and on request (`--old-generation-step`) collects the old generation
 * itself before V8's minimum step would. See the README's Memory section for the figures, and for `--optimize-for-size`.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** The factor kommitted gives V8, as `--heap-growing-percent` (V8's default: between 1.1 and 4, by its own heuristics). */
export const HEAP_GROWING_FLAG = "--heap-growing-percent=20";

/** V8 flags with which the user chose the heap's sizing themselves (on the node command line: NODE_OPTIONS refuses them). */
const USER_SIZING = ["--heap-growing-percent", "--optimize-for-size", "--no-optimize-for-size"];

/** Whether `args` hold one of the V8 flags `names` (with or without a value; `_` read as `-`, as V8 reads it). */
function hasFlag(args: readonly string[], names: readonly string[]): boolean {
  return args.some((arg) => names.includes((arg.split("=")[0] ?? "").replaceAll("_", "-")));
}

/** Whether Node was started with a sizing flag of {@link USER_SIZING}: the user chose the heap's sizing. */
function heapSized(execArgv: readonly string[]): boolean {
  return hasFlag(execArgv, USER_SIZING);
}

/** Sets {@link HEAP_GROWING_FLAG} unless Node was started with a sizing flag of {@link USER_SIZING}; true if set. */
export function preferSmallHeap(execArgv: readonly string[] = process.execArgv): boolean {
  if (heapSized(execArgv)) return false;
  setFlagsFromString(HEAP_GROWING_FLAG);
  return true;
}

/**
 * The share of the live set by which the step of {@link collectOldGenerationSooner} grows past its minimum (%), so that
 * its collections cost, for each MB promoted, the same at any size of heap.
 */
export const OLD_GENERATION_STEP_PERCENT = 5;

/** How often the old generation's size is looked at (a few microseconds each time). */
const OLD_CHECK_MS = 200;

/** Heap spaces outside the old generation, as V8 counts it (`Heap::OldGenerationSizeOfObjects`). */
const NOT_OLD = new Set(["new_space", "new_large_object_space", "read_only_space"]);

/** Bytes in use in the old generation. */
export function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!NOT_OLD.has(space.space_name)) used += space.space_used_size;
  return used;
}

/** What {@link collectOldGenerationSooner} did so far. */
export interface OldGenerationCollector {
  /** Full collections it asked V8 for. */
  readonly collections: number;
  /** Milliseconds the process spent in them. */
  readonly pauseMs: number;
}

/**
 * Collects the old generation once it has grown `stepMb` MB (or {@link OLD_GENERATION_STEP_PERCENT} % of the live set,
 * if more) past the live set that the last full collection left: `--old-generation-step`, off (0) by default, and off
 * when Node was started with a sizing flag of {@link USER_SIZING}. V8 lets the old generation grow by the heap-growing
 * factor, but at least 8 MB, plus the young generation's capacity (8 MiB at kommitted's semi-spaces), before it
 * collects (`MemoryController::CalculateAllocationLimit` and `Heap::MinimumAllocationLimitGrowingStep`, V8's
 * `heap/heap-controller.cc` and `heap/heap.cc`): 16 MB past the bench's live set of 31 MB. The collection is V8's full
 * one, asked for through the `gc` function of `--expose-gc` (set here, for one new context only); V8 does not spread it
 * over time as it does its own (15-40 ms at the bench's live set, measured). It trades CPU for memory: under the
 * bench's load, a step of 2 MB took 8 MB of RSS off for about 6 points of a core more (the README's Memory section).
 * Looks every {@link OLD_CHECK_MS} ms, from an unreferenced timer. Undefined when off.
 */
export function collectOldGenerationSooner(stepMb: number, execArgv: readonly string[] = process.execArgv): OldGenerationCollector | undefined {
  if (stepMb <= 0 || heapSized(execArgv)) return undefined;
  const collect = gcFunction();
  const minStep = stepMb * 1e6;
  const state = { collections: 0, pauseMs: 0 };
  let live = oldGenerationUsed();
  setInterval(() => {
    const used = oldGenerationUsed();
    // below the last live set: V8 collected by itself
    if (used < live) live = used;
    else if (used - live > Math.max(minStep, (live * OLD_GENERATION_STEP_PERCENT) / 100)) {
      const start = performance.now();
      collect();
      state.pauseMs += performance.now() - start;
      state.collections++;
      live = oldGenerationUsed();
    }
  }, OLD_CHECK_MS).unref();
  return state;
}

/** V8's `gc` function: the global one under `node --expose-gc`, otherwise exposed for one new context. */
export function gcFunction(): () => void {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === "function") return global;
  setFlagsFromString("--expose-gc");
  try {
    return runInNewContext("gc") as () => void;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/**
 * The largest semi-space (MiB, as V8 counts) kommitted lets V8's young generation grow to: V8's own limit is 16 on
 * 64-bit machines, a young generation of 32 MiB. Measured with `npm run bench` (10,000 commits/s): see the README's
 * Memory section.
 */
export const YOUNG_SEMI_SPACE_MB = 8;

/** How often the young generation's size is looked at (a few microseconds each time). */
const YOUNG_CHECK_MS = 20;

/** Flags with which the user sized the young generation themselves (node command line or `NODE_OPTIONS`). */
const USER_YOUNG_SIZING = ["--max-semi-space-size", "--min-semi-space-size", "--semi-space-growth-factor"];

/**
 * Caps V8's young generation at semi-spaces of `semiSpaceMb` unless the user sized it. V8 starts with 1 MiB
 * semi-spaces and doubles them at a scavenge that saw enough survive (up to 16 MiB), reading
 * `--semi-space-growth-factor` at each doubling, while `--max-semi-space-size` is read only as Node starts. So every
 * {@link YOUNG_CHECK_MS} ms the factor is set to 1 if the semi-spaces are at the cap, and back to V8's 2 if V8 shrank
 * them (it does when little is allocated for a while): the young generation grows to the cap and no further, or one
 * doubling more if two happen between checks. The cap is soft: a burst that allocates several semi-spaces' worth
 * between two checks (tens of MB in 20 ms) can grow it further, up to V8's own limit. True if set.
 */
export function capYoungGeneration(semiSpaceMb = YOUNG_SEMI_SPACE_MB, execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ""): boolean {
  if (youngGenerationSized(execArgv, nodeOptions)) return false;
  const capBytes = 2 * semiSpaceMb * 1024 * 1024; // both semi-spaces, as V8 reports the new space's size
  let capped = false;
  const check = () => {
    const atCap = (getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0) >= capBytes;
    if (atCap === capped) return;
    setFlagsFromString(atCap ? "--semi-space-growth-factor=1" : "--semi-space-growth-factor=2");
    capped = atCap;
  };
  check();
  // a timer rather than a GC observer: Node delivers GC entries late, and the semi-spaces could double twice meanwhile
  setInterval(check, YOUNG_CHECK_MS).unref();
  return true;
}

/** Whether Node was started with a young-generation size (command line or `NODE_OPTIONS`): the user's, or a relaunch's. */
function youngGenerationSized(execArgv: readonly string[], nodeOptions: string): boolean {
  return hasFlag([...execArgv, ...nodeOptions.split(/\s+/)], USER_YOUNG_SIZING);
}

/**
 * Malloc arenas kommitted asks glibc for (`MALLOC_ARENA_MAX`). glibc gives each thread that allocates an arena of its
 * own, up to 8 per core, and seldom returns their memory; librdkafka runs a dozen threads. glibc reads the variable
 * once, as the process starts. Measured with `npm run bench`: see the README's Memory section.
 */
export const MALLOC_ARENAS = 2;

/** What a relaunch adds: Node flags before the script, and environment variables. */
export interface RuntimeSettings {
  flags: string[];
  env: Record<string, string>;
}

/**
 * The settings a process can't give itself once started and kommitted wants: semi-spaces of `YOUNG_SEMI_SPACE_MB`
 * (exact, where {@link capYoungGeneration} is a soft cap) unless the user sized the young generation, and on Linux
 * {@link MALLOC_ARENAS} unless `MALLOC_ARENA_MAX` is set. Undefined when nothing is missing, as after a relaunch.
 */
export function missingRuntimeSettings(execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>, platform: string = process.platform): RuntimeSettings | undefined {
  const flags = youngGenerationSized(execArgv, env.NODE_OPTIONS ?? "") ? [] : [`--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`];
  const added: Record<string, string> = platform === "linux" && env.MALLOC_ARENA_MAX === undefined ? { MALLOC_ARENA_MAX: String(MALLOC_ARENAS) } : {};
  return flags.length === 0 && Object.keys(added).length === 0 ? undefined : { flags, env: added };
}

/** `process.execve` (Node >= 22.15 and 23.11, not on Windows), which Node's type declarations here do not know yet. */
type Execve = (file: string, args: readonly string[], env: Record<string, string | undefined>) => never;

/**
 * Starts the command again in the same process, with {@link missingRuntimeSettings} (the `kommitted` command calls it
 * before anything else): `process.execve` replaces the program and keeps the process id, so a container, a service
 * manager and signals see one process. Returns without relaunching when nothing is missing or the runtime has no
 * `execve` (Node 20 and 22 before 22.15: the soft cap of {@link capYoungGeneration} then applies, and
 * `MALLOC_ARENA_MAX` is the user's to set); a relaunch that fails leaves the process as it was.
 */
export function relaunchWithRuntimeSettings(argv: readonly string[] = process.argv, execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env): void {
  const execve = (process as unknown as { execve?: Execve }).execve;
  const missing = missingRuntimeSettings(execArgv, env);
  if (typeof execve !== "function" || missing === undefined) return;
  try {
    execve.call(process, process.execPath, [process.execPath, ...missing.flags, ...execArgv, ...argv.slice(1)], { ...env, ...missing.env });
  } catch {
    // e.g. refused by Node's permission model: run as started
  }
}
