/**
 * `--plan`: one cycle of the wave drawn in the terminal (block characters, eighth-of-a-row resolution)
 * or as SVG, with the records and bytes each phase and the whole cycle carry.
 */
import type { WavePlan } from "./plan.js";

const BLOCKS = " ▁▂▃▄▅▆▇█";

/** Options of the terminal chart. */
export interface ChartOptions {
  /** Columns of the plot area. */
  readonly width?: number;
  /** Rows of the plot area. */
  readonly height?: number;
}

/** Draws one cycle's rate over time with block characters, the y axis labelled in records/s. */
export function renderChart(plan: WavePlan, options: ChartOptions = {}): string {
  const width = options.width ?? 72;
  const height = options.height ?? 12;
  const top = plan.spec.max;
  const levels: number[] = [];
  for (let c = 0; c < width; c++) {
    const t = ((c + 0.5) / width) * plan.period;
    levels.push(top > 0 ? Math.round((plan.rateAt(t) / top) * height * 8) : 0);
  }
  const label = (v: number) => formatRate(v).padStart(9);
  const lines: string[] = [];
  for (let r = height - 1; r >= 0; r--) {
    let row = "";
    for (const level of levels) row += BLOCKS[Math.max(0, Math.min(8, level - r * 8))];
    const axis = r === height - 1 ? label(top) : r === 0 ? label(0) : " ".repeat(9);
    lines.push(`${axis} ┤${row}`);
  }
  lines.push(`${" ".repeat(9)} └${"─".repeat(width)}`);
  // Phase boundaries under the axis.
  const marks = Array.from({ length: width + 1 }, () => " ");
  const names = Array.from({ length: width + 1 }, () => " ");
  for (const phase of plan.phases) {
    if (phase.duration <= 0) continue;
    const at = Math.round((phase.start / plan.period) * width);
    marks[at] = "^";
    const mid = Math.round(((phase.start + phase.duration / 2) / plan.period) * width);
    for (let i = 0; i < phase.name.length && mid + i < names.length; i++) names[mid - 1 + i] = phase.name[i]!;
  }
  marks[width] = "^";
  lines.push(`${" ".repeat(11)}${marks.join("")}`);
  lines.push(`${" ".repeat(11)}${names.join("").trimEnd()}`);
  lines.push(`${" ".repeat(11)}0 s${" ".repeat(Math.max(1, width - 3 - formatSeconds(plan.period).length))}${formatSeconds(plan.period)}`);
  return lines.join("\n");
}

/** A table of the phases of one cycle: duration, rates, records and bytes. */
export function renderSummary(plan: WavePlan, bytesPerRecord: number): string {
  const rows = [["phase", "start", "duration", "rate (rec/s)", "records", "bytes"]];
  for (const phase of plan.phases) {
    const shape = phase.shape;
    const rate = shape.kind === "constant" ? formatRate(shape.rate) : `${formatRate(phase.name === "up" ? shape.low : shape.high)} -> ${formatRate(phase.name === "up" ? shape.high : shape.low)}`;
    rows.push([phase.name, formatSeconds(phase.start), formatSeconds(phase.duration), rate, formatCount(phase.area), formatBytes(phase.area * bytesPerRecord)]);
  }
  rows.push(["cycle", "", formatSeconds(plan.period), formatRate(plan.areaPerCycle / plan.period) + " avg", formatCount(plan.areaPerCycle), formatBytes(plan.areaPerCycle * bytesPerRecord)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 || i === 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd()).join("\n");
}

/** One cycle as an SVG line chart (rate over time, phases shaded and named). */
export function renderSvg(plan: WavePlan, bytesPerRecord: number): string {
  const w = 800;
  const h = 300;
  const left = 70;
  const bottom = 40;
  const plotW = w - left - 20;
  const plotH = h - bottom - 30;
  const top = plan.spec.max;
  const x = (t: number) => left + (t / plan.period) * plotW;
  const y = (rate: number) => 30 + plotH - (top > 0 ? (rate / top) * plotH : 0);
  const samples = 800;
  const points: string[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = Math.min((i / samples) * plan.period, plan.period * (1 - 1e-12));
    points.push(`${x(t).toFixed(2)},${y(plan.rateAt(t)).toFixed(2)}`);
  }
  const shades = ["#eef4ff", "#fff6e8"];
  const phaseParts = plan.phases
    .filter((p) => p.duration > 0)
    .map((p, i) => `<rect x="${x(p.start).toFixed(2)}" y="30" width="${(x(p.start + p.duration) - x(p.start)).toFixed(2)}" height="${plotH}" fill="${shades[i % 2]}"/>` +
      `<text x="${x(p.start + p.duration / 2).toFixed(2)}" y="${h - 8}" text-anchor="middle">${p.name} (${formatSeconds(p.duration)})</text>`)
    .join("\n  ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">
  <title>ksunami wave: ${formatCount(plan.areaPerCycle)} records, ${formatBytes(plan.areaPerCycle * bytesPerRecord)} per ${formatSeconds(plan.period)} cycle</title>
  ${phaseParts}
  <line x1="${left}" y1="${30 + plotH}" x2="${left + plotW}" y2="${30 + plotH}" stroke="#333"/>
  <line x1="${left}" y1="30" x2="${left}" y2="${30 + plotH}" stroke="#333"/>
  <text x="${left - 6}" y="${y(top) + 4}" text-anchor="end">${formatRate(top)}/s</text>
  <text x="${left - 6}" y="${y(0) + 4}" text-anchor="end">0/s</text>
  <text x="${left}" y="20">records/s over one cycle: ${formatCount(plan.areaPerCycle)} records, ${formatBytes(plan.areaPerCycle * bytesPerRecord)}</text>
  <polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="${points.join(" ")}"/>
</svg>
`;
}

/** Records/s as short text: 950, 12.5k, 1.2M. */
export function formatRate(rate: number): string {
  if (rate >= 1e6) return `${trim(rate / 1e6)}M`;
  if (rate >= 1e3) return `${trim(rate / 1e3)}k`;
  return trim(rate);
}

function trim(n: number): string {
  return Number(n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2)).toString();
}

/** A count of records, rounded, with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Bytes in binary units. */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${trim(n)} ${units[i]}`;
}

/**
 * Seconds as short text: 45 s, 2 min 30 s, 1 h 5 min. Rounds to the unit shown first, then splits, so that a
 * value just under a boundary reads as the boundary (86,399.9 s is `24 h`, never `23 h 60 min`).
 */
export function formatSeconds(s: number): string {
  if (Number(trim(s)) < 60) return `${trim(s)} s`;
  if (s < 3600 - 30) {
    const whole = Math.round(s);
    return `${Math.floor(whole / 60)} min${whole % 60 > 0 ? ` ${whole % 60} s` : ""}`;
  }
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h${minutes % 60 > 0 ? ` ${minutes % 60} min` : ""}`;
}
