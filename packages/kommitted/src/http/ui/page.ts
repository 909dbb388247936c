/**
 * The web page's HTML shell and stylesheet. The page's behaviour is `app.js` beside this module (plain JavaScript for
 * the browser, emitted into dist/ by tsc), which reads kommitted's JSON endpoints and draws everything.
 */

/** The HTML shell of every page; `root` is the relative way back to kommitted's root (`./`, `../../`). */
export function pageHtml(root: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <!-- the way back to kommitted's root from this page, filled in by the server (works behind a path prefix) -->
  <meta name="kommitted-root" content="${root}">
  <title>kommitted</title>
  <link rel="stylesheet" href="${root}ui/app.css">
  <script type="module" src="${root}ui/app.js"></script>
</head>
<body>
  <header>
    <a class="brand" href="${root}">kommitted</a>
    <span id="readiness" class="badge">…</span>
    <span id="as-of" class="muted"></span>
    <span class="spacer"></span>
    <nav><a href="${root}groups">/groups</a> <a href="${root}topics">/topics</a> <a href="${root}metrics">/metrics</a> <a href="${root}readyz">/readyz</a></nav>
  </header>
  <main id="main"><p class="muted">Loading…</p></main>
  <noscript><p>This page needs JavaScript; the same data is at <a href="${root}groups">/groups</a>.</p></noscript>
</body>
</html>
`;
}

/** The stylesheet: system fonts only, nothing loaded from elsewhere. */
export const APP_CSS = `:root { --bg: #f7f8fa; --panel: #fff; --text: #1d2330; --muted: #6b7385; --line: #dde1e8; --accent: #2a61c9;
        --ok: #1a7f37; --warn: #b58100; --rewind: #2a61c9; --stall: #d16a00; --stop: #c62828; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; background: var(--bg); color: var(--text); }
header { display: flex; align-items: center; gap: 12px; padding: 10px 20px; background: #1d2330; color: #fff; }
header a { color: #cfd8ea; text-decoration: none; }
header nav a { margin-left: 10px; font-size: 13px; }
.brand { font-weight: 700; font-size: 17px; color: #fff !important; }
.spacer { flex: 1; }
.muted { color: var(--muted); }
header .muted { color: #a9b3c7; font-size: 13px; }
main { padding: 16px 20px 40px; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 20px; margin: 4px 0 12px; word-break: break-all; }
h2 { font-size: 15px; margin: 22px 0 8px; }
a { color: var(--accent); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--muted); }
.badge.ready, .status-OK { background: var(--ok); }
.badge.not-ready { background: var(--warn); }
.status-WARN { background: var(--warn); } .status-REWIND { background: var(--rewind); }
.status-STALL { background: var(--stall); } .status-STOP { background: var(--stop); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
@media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
.chart { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.chart h3 { margin: 0 0 4px; font-size: 13px; font-weight: 600; }
.chart svg { display: block; width: 100%; height: auto; }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart text { fill: var(--muted); font-size: 10px; }
.chart .series { fill: none; stroke-width: 1.6; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin-top: 4px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 3px; margin-right: 5px; vertical-align: middle; background: var(--c); }
.summary { display: flex; flex-wrap: wrap; gap: 10px 26px; margin: 0 0 8px; }
.summary div { display: flex; flex-direction: column; }
.summary b { font-size: 18px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #f0f2f6; cursor: pointer; user-select: none; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { white-space: normal; word-break: break-all; }
tr:hover td { background: #f6f8fc; }
input[type=search] { padding: 5px 8px; border: 1px solid var(--line); border-radius: 4px; min-width: 260px; margin: 0 0 8px; }
.error { color: var(--stop); }
`;
