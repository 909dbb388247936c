/*
 * kommitted's web page. Reads kommitted's own JSON endpoints (/groups, /groups/:group, /history, /readyz), renders
 * every group, or one group's partitions and members, with SVG charts of their lag drawn here, and refreshes by itself.
 * No framework, no CDN, no request anywhere but kommitted: it works in a closed network. All text from Kafka (group,
 * topic, client names) goes through textContent, never HTML.
 */
/* global document, location, window, Node */
"use strict";

/** Seconds between refreshes: 5, or `?refresh=N` in the address. */
const REFRESH_MS = Math.max(1, Number(new URLSearchParams(location.search).get("refresh")) || 5) * 1000;
/** kommitted's root URL (the server writes the relative way back into the page, so a path prefix works). */
const ROOT = new URL(document.querySelector('meta[name="kommitted-root"]').content, location.href);
/** Groups drawn on the overview's charts: the ones with the largest offset lag among those the filter shows. */
const TOP_GROUPS = 10;
const PALETTE = ["#2a61c9", "#d16a00", "#1a7f37", "#c62828", "#7b3fb5", "#00838f", "#b58100", "#ad1457", "#546e7a", "#5d8f00"];
const SVG = "http://www.w3.org/2000/svg";

/** Table sort state per table, kept across refreshes: { key, desc }. */
const sortState = new Map();
/** The overview's filter text (a substring of group IDs), kept across refreshes and in the address as `?q=`. */
let filterText = new URLSearchParams(location.search).get("q") ?? "";
let refreshes = 0;

/** The URL of a kommitted endpoint. */
function api(path) {
  return new URL(path, ROOT).href;
}

/** The page's route: the overview, or one group. */
function route() {
  const rel = location.pathname.slice(ROOT.pathname.length);
  const m = /^ui\/groups\/(.+)$/.exec(rel);
  return m ? { page: "group", group: decodeURIComponent(m[1]) } : { page: "overview" };
}

/** Link to a group's page. */
function groupHref(group) {
  return api(`ui/groups/${encodeURIComponent(group)}`);
}

/** Fetches JSON; a 404 answers undefined. */
async function getJson(path) {
  const res = await fetch(api(path), { headers: { accept: "application/json" }, cache: "no-store" });
  if (res.status === 404) return undefined;
  if (!res.ok && res.status !== 503) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/** Creates an element: `el("td", { class: "num", dataset: {...} }, child, "text", ...)`. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null) continue;
    if (k === "dataset") for (const [dk, dv] of Object.entries(v)) node.dataset[dk] = String(dv ?? "");
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** Creates an SVG element. */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** An integer with thousands separators. */
function fmtCount(n) {
  return Number(n).toLocaleString("en-US");
}

/** A duration in ms, readable: 850 ms, 12.3 s, 4m 05s, 2h 03m, 3d 04h; "–" for unknown. */
function fmtDuration(ms) {
  if (ms === null || ms === undefined) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const pad = (n) => String(Math.floor(n)).padStart(2, "0");
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m ${pad((ms % 60_000) / 1000)}s`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)}h ${pad((ms % 3_600_000) / 60_000)}m`;
  return `${Math.floor(ms / 86_400_000)}d ${pad((ms % 86_400_000) / 3_600_000)}h`;
}

/** A short axis label: 1.2k, 3.4M for counts; 45s, 12m, 3h for durations. */
function fmtAxis(value, kind) {
  if (kind === "ms") {
    if (value === 0) return "0";
    if (value < 1000) return `${value}ms`;
    if (value < 60_000) return `${+(value / 1000).toFixed(1)}s`;
    if (value < 3_600_000) return `${+(value / 60_000).toFixed(1)}m`;
    return `${+(value / 3_600_000).toFixed(1)}h`;
  }
  if (value >= 1e9) return `${+(value / 1e9).toFixed(1)}G`;
  if (value >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return String(value);
}

/** A clock time HH:MM:SS of a timestamp (ms). */
function fmtClock(t) {
  return new Date(t).toLocaleTimeString("en-GB", { hour12: false });
}

/** A "nice" step (1, 2 or 5 times a power of ten; for durations, also whole seconds, minutes, hours) above `raw`. */
function niceStep(raw, kind) {
  if (kind === "ms") {
    for (const s of [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000]) if (s >= raw) return s;
  }
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return Math.max(1, m * p);
  return 10 * p;
}

/**
 * A line chart, drawn as SVG: one line per series over [from, to], a y axis from 0 with nice ticks, clock times on the
 * x axis. `series` is [{ name, points: [[t, value|null], ...] }]; null values break the line.
 */
function lineChart(title, series, kind, from, to) {
  const W = 600;
  const H = 210;
  const L = 52;
  const R = 12;
  const T = 10;
  const B = 24;
  const values = series.flatMap((s) => s.points.map((p) => p[1]).filter((v) => v !== null));
  const max = Math.max(kind === "ms" ? 1000 : 1, ...values);
  const step = niceStep(max / 4, kind);
  const top = Math.ceil(max / step) * step;
  const x = (t) => L + ((t - from) / Math.max(1, to - from)) * (W - L - R);
  const y = (v) => T + (1 - v / top) * (H - T - B);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": title });
  for (let v = 0; v <= top + step / 2; v += step) {
    root.append(svg("line", { class: "axis", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    root.append(svg("text", { x: L - 6, y: y(v) + 3, "text-anchor": "end" }, fmtAxis(v, kind)));
  }
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const t = from + ((to - from) * i) / ticks;
    root.append(svg("text", { x: x(t), y: H - 6, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" }, fmtClock(t)));
  }
  const legend = el("div", { class: "legend" });
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const group = svg("g", { "data-series": s.name });
    let run = [];
    const flush = () => {
      if (run.length === 1) group.append(svg("circle", { cx: run[0][0], cy: run[0][1], r: 2, fill: color }));
      else if (run.length > 1) group.append(svg("polyline", { class: "series", stroke: color, points: run.map((p) => p.join(",")).join(" ") }));
      run = [];
    };
    for (const [t, v] of s.points) {
      if (v === null) flush();
      else run.push([x(t).toFixed(1), y(v).toFixed(1)]);
    }
    flush();
    group.append(svg("title", {}, s.name));
    root.append(group);
    const item = el("span", {}, s.name);
    item.style.setProperty("--c", color); // through the CSSOM: the page's content policy forbids style attributes
    legend.append(item);
  });
  const box = el("div", { class: "chart", dataset: { chart: title } }, el("h3", {}, title), root, legend);
  if (values.length === 0) box.append(el("p", { class: "muted" }, "No history yet: kommitted keeps a sample every few seconds."));
  return box;
}

/** The offset-lag and time-lag charts of some groups' history. */
function historyCharts(history, what) {
  const to = history.asOf ?? Date.now();
  // from the oldest sample (at least 20 s back), so a fresh kommitted's few samples fill the width
  const first = Math.min(to - 20_000, ...history.groups.flatMap((g) => g.samples.map((s) => s.t)));
  const span = `last ${fmtDuration(to - first).replace(/ 00s$/, "").replace(/\.\d s$/, " s")}`;
  return el(
    "div",
    { class: "charts" },
    lineChart(`Offset lag${what}, ${span}`, history.groups.map((g) => ({ name: g.group, points: g.samples.map((s) => [s.t, s.offsetLag]) })), "count", first, to),
    lineChart(`Time lag${what}, ${span}`, history.groups.map((g) => ({ name: g.group, points: g.samples.map((s) => [s.t, s.timeLagMs]) })), "ms", first, to),
  );
}

/** A status badge. */
function statusBadge(status) {
  return el("span", { class: `badge status-${status}` }, status);
}

/**
 * A sortable table: `columns` [{ key, label, num, value(row), cell(row) }], rows; `rowAttrs(row)` gives each row's
 * attributes. Clicking a header sorts by it (again: reverses); the order is kept across refreshes.
 */
function sortableTable(id, columns, rows, rowAttrs, defaultSort) {
  const state = sortState.get(id) ?? defaultSort;
  const col = columns.find((c) => c.key === state.key) ?? columns[0];
  const sorted = [...rows].sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va ?? "").localeCompare(String(vb ?? ""));
    return state.desc ? -cmp : cmp;
  });
  const head = el("tr", {});
  for (const c of columns) {
    const th = el("th", { class: c.num ? "num" : undefined, title: "sort" }, c.label + (c.key === col.key ? (state.desc ? " ▾" : " ▴") : ""));
    th.addEventListener("click", () => {
      sortState.set(id, { key: c.key, desc: c.key === col.key ? !state.desc : Boolean(c.num) });
      void refresh();
    });
    head.append(th);
  }
  const body = el("tbody", {});
  for (const r of sorted) {
    const tr = el("tr", rowAttrs(r));
    for (const c of columns) tr.append(el("td", { class: c.num ? "num" : c.wrap ? "wrap" : undefined }, c.cell ? c.cell(r) : c.value(r)));
    body.append(tr);
  }
  return el("table", { id }, el("thead", {}, head), body);
}

/** A row of labelled figures. */
function summary(items) {
  return el("div", { class: "summary" }, ...items.map(([label, value]) => el("div", {}, el("span", { class: "muted" }, label), el("b", {}, value))));
}

/** The groups the filter shows. */
function filtered(groups) {
  return groups.filter((g) => g.group.includes(filterText));
}

/** The groups the overview charts: the {@link TOP_GROUPS} with the largest offset lag (ties by name) the filter shows. */
function chartedGroups(groups) {
  return filtered(groups)
    .sort((a, b) => b.totalOffsetLag - a.totalOffsetLag || a.group.localeCompare(b.group))
    .slice(0, TOP_GROUPS)
    .map((g) => g.group);
}

/** The overview: charts of the groups with the largest lag, then every group. */
function renderOverview(main, groups, history) {
  const shown = filtered(groups.groups);
  const counts = {};
  for (const g of shown) counts[g.status] = (counts[g.status] ?? 0) + 1;
  const filter = el("input", { type: "search", id: "filter", placeholder: "Filter groups (substring)", value: filterText });
  filter.addEventListener("input", () => {
    filterText = filter.value;
    const address = new URL(location.href);
    if (filterText) address.searchParams.set("q", filterText);
    else address.searchParams.delete("q");
    window.history.replaceState(null, "", address);
    void refresh();
  });
  const table = sortableTable(
    "groups",
    [
      { key: "group", label: "Group", wrap: true, value: (g) => g.group, cell: (g) => el("a", { href: groupHref(g.group) }, g.group) },
      { key: "type", label: "Type", value: (g) => g.type },
      { key: "status", label: "Status", value: (g) => g.status, cell: (g) => statusBadge(g.status) },
      { key: "members", label: "Members", num: true, value: (g) => g.members },
      { key: "partitions", label: "Partitions", num: true, value: (g) => g.partitions },
      { key: "offsetLag", label: "Offset lag", num: true, value: (g) => g.totalOffsetLag, cell: (g) => fmtCount(g.totalOffsetLag) },
      { key: "timeLag", label: "Time lag", num: true, value: (g) => g.maxTimeLagMs ?? -1, cell: (g) => el("span", { title: g.maxTimeLagMs === null ? "unknown" : `${g.maxTimeLagMs} ms` }, fmtDuration(g.maxTimeLagMs)) },
    ],
    shown,
    (g) => ({ dataset: { group: g.group, status: g.status, offsetLag: g.totalOffsetLag, timeLagMs: g.maxTimeLagMs ?? "", members: g.members, partitions: g.partitions } }),
    { key: "offsetLag", desc: true },
  );
  main.replaceChildren(
    el("h1", {}, "Consumer groups"),
    summary([
      ["Groups", filterText ? `${fmtCount(shown.length)} of ${fmtCount(groups.groups.length)}` : fmtCount(shown.length)],
      ...["OK", "WARN", "REWIND", "STALL", "STOP"].filter((s) => counts[s]).map((s) => [s, fmtCount(counts[s])]),
      [filterText ? "Offset lag, these groups" : "Offset lag, all groups", fmtCount(shown.reduce((sum, g) => sum + g.totalOffsetLag, 0))],
    ]),
    historyCharts(history, ` of the top ${history.groups.length} groups${filterText ? ` matching "${filterText}"` : ""}`),
    el("h2", {}, `Groups (${shown.length}${filterText ? ` of ${groups.groups.length}` : ""})`),
    filter,
    table,
  );
  if (filterText) {
    filter.focus();
    filter.setSelectionRange(filterText.length, filterText.length);
  }
}

/** One group: its figures and charts, its partitions, its members. */
function renderGroup(main, name, group, history) {
  const back = el("p", {}, el("a", { href: api("") }, "← all groups"));
  if (group === undefined) {
    main.replaceChildren(back, el("h1", {}, name), el("p", { class: "error", id: "not-found" }, "This group is not known to kommitted (deleted, or not seen yet)."));
    return;
  }
  document.title = `${name} – kommitted`;
  const partitions = sortableTable(
    "partitions",
    [
      { key: "topic", label: "Topic", wrap: true, value: (p) => p.topic },
      { key: "partition", label: "Partition", num: true, value: (p) => p.partition },
      { key: "committed", label: "Committed", num: true, value: (p) => p.committedOffset, cell: (p) => fmtCount(p.committedOffset) },
      { key: "latest", label: "Latest", num: true, value: (p) => p.latestOffset, cell: (p) => fmtCount(p.latestOffset) },
      { key: "offsetLag", label: "Offset lag", num: true, value: (p) => p.offsetLag, cell: (p) => fmtCount(p.offsetLag) },
      { key: "timeLag", label: "Time lag", num: true, value: (p) => p.timeLag.ms ?? -1, cell: (p) => el("span", { title: `${p.timeLag.ms ?? "unknown"} ms, ${p.timeLag.method}` }, fmtDuration(p.timeLag.ms)) },
      { key: "method", label: "Method", value: (p) => p.timeLag.method },
      { key: "commitAge", label: "Last commit", num: true, value: (p) => p.commitAgeMs, cell: (p) => `${fmtDuration(p.commitAgeMs)} ago` },
      { key: "status", label: "Status", value: (p) => p.status, cell: (p) => el("span", {}, statusBadge(p.status), p.stale ? " stale" : "") },
      { key: "owner", label: "Owner", wrap: true, value: (p) => (p.owner ? `${p.owner.clientId} ${p.owner.clientHost}` : "") },
    ],
    group.partitions,
    (p) => ({ dataset: { topic: p.topic, partition: p.partition, committedOffset: p.committedOffset, offsetLag: p.offsetLag, timeLagMs: p.timeLag.ms ?? "", status: p.status, owner: p.owner ? p.owner.clientId : "" } }),
    { key: "topic", desc: false },
  );
  const members = sortableTable(
    "members",
    [
      { key: "memberId", label: "Member ID", wrap: true, value: (m) => m.memberId },
      { key: "clientId", label: "Client ID", wrap: true, value: (m) => m.clientId },
      { key: "host", label: "Host", value: (m) => m.clientHost },
      { key: "instance", label: "Instance ID", value: (m) => m.instanceId ?? "" },
      { key: "rack", label: "Rack", value: (m) => m.rackId ?? "" },
      { key: "assignment", label: "Assignment", wrap: true, value: (m) => m.assignment.map((a) => `${a.topic} [${a.partitions.join(", ")}]`).join("; ") },
    ],
    group.members,
    (m) => ({ dataset: { memberId: m.memberId, clientId: m.clientId, partitions: m.assignment.reduce((n, a) => n + a.partitions.length, 0) } }),
    { key: "clientId", desc: false },
  );
  main.replaceChildren(
    back,
    el("h1", { dataset: { group: group.group, status: group.status, offsetLag: group.totalOffsetLag, timeLagMs: group.maxTimeLagMs ?? "" } }, group.group),
    summary([
      ["Status", statusBadge(group.status)],
      ["Type", group.type + (group.protocolType ? ` (${group.protocolType}${group.protocol ? `, ${group.protocol}` : ""})` : "")],
      ["Epoch", group.epoch < 0 ? "–" : group.epoch],
      ["Members", fmtCount(group.members.length)],
      ["Partitions", fmtCount(group.partitions.length)],
      ["Offset lag", fmtCount(group.totalOffsetLag)],
      ["Time lag", fmtDuration(group.maxTimeLagMs)],
    ]),
    historyCharts(history, ""),
    el("h2", {}, `Partitions (${group.partitions.length})`),
    partitions,
    el("h2", {}, `Members (${group.members.length})`),
    group.members.length > 0 ? members : el("p", { class: "muted", id: "no-members" }, "No members: nobody is in the group now (it only has committed offsets)."),
  );
}

let timer;
/** Fetches and renders the current route, then plans the next refresh (one timer at a time). */
async function refresh() {
  const main = document.getElementById("main");
  try {
    const r = route();
    const [readiness, data] = await Promise.all([getJson("readyz"), getJson(r.page === "group" ? `groups/${encodeURIComponent(r.group)}` : "groups")]);
    const charted = r.page === "group" ? [r.group] : chartedGroups(data.groups);
    const history = charted.length > 0 ? await getJson(`history?${charted.map((g) => `group=${encodeURIComponent(g)}`).join("&")}`) : { asOf: data.asOf, groups: [] };
    const badge = document.getElementById("readiness");
    badge.textContent = readiness.ready ? "ready" : `not ready: ${readiness.waitingFor.join(", ")}`;
    badge.className = `badge ${readiness.ready ? "ready" : "not-ready"}`;
    const asOf = data?.asOf ?? history.asOf;
    const asOfEl = document.getElementById("as-of");
    asOfEl.textContent = asOf ? `as of ${fmtClock(asOf)}, refreshing every ${REFRESH_MS / 1000} s` : "no snapshot yet";
    asOfEl.dataset.asOf = asOf ?? "";
    if (r.page === "group") renderGroup(main, r.group, data, history);
    else renderOverview(main, data, history);
    refreshes++;
    document.body.dataset.refreshes = String(refreshes);
    document.getElementById("fetch-error")?.remove();
  } catch (error) {
    document.getElementById("fetch-error")?.remove();
    main.prepend(el("p", { class: "error", id: "fetch-error" }, `Cannot reach kommitted: ${error.message}. Retrying every ${REFRESH_MS / 1000} s.`));
  }
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), REFRESH_MS);
}

window.addEventListener("DOMContentLoaded", () => void refresh());
