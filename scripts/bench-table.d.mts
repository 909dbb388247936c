// Types of scripts/bench-table.mjs, for its unit test (test/bench-table.test.ts).

/** Issue #14's target of one figure: the ratio ours/peer, or our figure, compared with `value`. */
export interface Target {
  of: "ratio" | "ours";
  op: ">=" | ">" | "<=" | "<" | "==";
  value: number;
  text?: string;
}

/** One row of the table. */
export interface TargetSpec {
  package: string;
  id: string;
  what: string;
  unit: string;
  peer?: string;
  workload?: string;
  target?: Target;
}

/** One figure as a bench records it (scripts/bench-results.mjs). */
export interface Figure {
  ours?: number | null;
  peer?: number | null;
  ratio?: number;
  peerName?: string;
  workload?: string;
  note?: string;
}

/** What a bench recorded in one run. */
export interface BenchResult {
  package: string;
  run: string | null;
  time: string;
  node: string;
  cores: number;
  cpuModel: string;
  loadavg: number[];
  figures: Record<string, Figure>;
}

/** How one package's bench went in a run. */
export type BenchRun = { state: "skipped" } | { state: "ran"; exitCode: number | string; seconds?: number; result?: BenchResult };

/** The cells of one row. */
export interface RowCells {
  bench: string;
  what: string;
  ours: string;
  peer: string;
  ratio: string;
  target: string;
  result: string;
}

export const TARGETS: readonly TargetSpec[];
export function formatValue(value: number | undefined | null, unit: string): string;
export function formatTarget(target: Target | undefined, unit: string): string;
export function meets(value: number, op: Target["op"], bound: number): boolean;
export function rowCells(spec: TargetSpec, run: BenchRun | undefined): RowCells;
export function formatTable(runs: Record<string, BenchRun | undefined>, targets?: readonly TargetSpec[]): string;
export function formatRuns(runs: Record<string, BenchRun | undefined>): string;
