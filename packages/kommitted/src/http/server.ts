/**
 * The HTTP server (node:http): `/metrics` (Prometheus text), `/healthz`, `/readyz`, the JSON REST API
 * (`/groups`, `/groups/:group`, `/topics`, `/history`) and the web page (`/`, `/ui/groups/:group`, `/ui/*` assets).
 * Read-only: every route answers GET (and HEAD).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream";
import type { Writable } from "node:stream";
import { constants, createGzip } from "node:zlib";
import { KommittedError } from "../errors.js";
import type { MonitorView } from "../monitor.js";
import { LagHistory } from "./lag-history.js";
import type { Metrics } from "./metrics.js";
import { APP_CSS, pageHtml } from "./ui/page.js";
import { groupView, groupsView, historyView, topicsView } from "./views.js";

/** Lag history kept for the web page's charts by default: 180 samples, one every 5 s, so the last 15 minutes. */
export const DEFAULT_LAG_HISTORY = Object.freeze({ capacity: 180, stepMs: 5000 });

/** Options of the HTTP server. */
export interface HttpOptions {
  /** Size and spacing of the lag history behind the web page's charts. */
  history?: { capacity: number; stepMs: number };
}

/** The web page's files as served: the HTML shell (per root), the stylesheet and the script. */
interface UiFiles {
  /** The HTML of every page, with its relative way back to kommitted's root. */
  html(root: string): string;
  /** Static assets by path. */
  assets: Map<string, { type: string; body: string }>;
}

/** Loads the page: `app.js` is read from beside this module (`src/http/ui/` when run from sources, `dist/http/ui/` built). */
function loadUi(): UiFiles {
  const script = new URL("./ui/app.js", import.meta.url);
  let js: string;
  try {
    js = readFileSync(script, "utf8");
  } catch (error) {
    throw new KommittedError("UI_FILES_MISSING", `the web page's script is missing: ${script.pathname} (${error instanceof Error ? error.message : String(error)})`, { path: script.pathname });
  }
  return {
    html: pageHtml,
    assets: new Map([
      ["/ui/app.js", { type: "text/javascript; charset=utf-8", body: js }],
      ["/ui/app.css", { type: "text/css; charset=utf-8", body: APP_CSS }],
    ]),
  };
}

/** Security headers of the page: nothing is loaded from anywhere but kommitted itself. */
const PAGE_HEADERS = {
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "cache-control": "no-cache",
};

/** A listening server and how to stop it. */
export interface HttpServer {
  /** The bound port (useful with port 0). */
  port: number;
  /** Closes the server. */
  close(): Promise<void>;
}

/** Starts serving on `host:port`. */
export function startHttpServer(monitor: MonitorView, metrics: Metrics, host: string, port: number, options: HttpOptions = {}): Promise<HttpServer> {
  const ui = loadUi();
  const { capacity, stepMs } = options.history ?? DEFAULT_LAG_HISTORY;
  const history = new LagHistory(capacity, stepMs);
  // samples each new poll's own snapshot, at most one per step (`record` refuses a snapshot less than a step after the
  // last sample, so the same poll is never recorded twice): what the poll observed, at its time, read at once and
  // without a copy (the re-based `snapshot` would copy every group partition at each sample only to add the time since
  // the poll). Unref'd, so it never holds the process up.
  const sampler = setInterval(() => history.record(monitor.polled), Math.min(1000, stepMs));
  sampler.unref();
  const server = createServer((req, res) => {
    handle(monitor, metrics, history, ui, req, res).catch((error: unknown) => sendJson(res, 500, { error: "internal", message: error instanceof Error ? error.message : String(error) }));
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new KommittedError("HTTP_LISTEN_FAILED", `cannot listen on ${host}:${port}: ${error.message}`, { host, port }, { cause: error })));
    server.listen(port, host, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => {
          clearInterval(sampler);
          return closeServer(server);
        },
      }),
    );
  });
}

/**
 * `/metrics`, written as it is rendered (see `exposition.ts`), gzip-compressed when the scraper accepts it, as
 * Prometheus does: at 10,000 group partitions the 16 MB of text take 0.6 MB on the wire. zlib's fastest level, since a
 * scrape repeats every few seconds; its work runs on libuv's thread pool, off the main thread. A failure after the
 * headers are out can only cut the response short, which the scraper reports as a failed scrape.
 */
async function sendMetrics(metrics: Metrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  res.writeHead(200, { "content-type": metrics.contentType, vary: "accept-encoding", ...(gzip ? { "content-encoding": "gzip" } : {}) });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  let out: Writable = res;
  if (gzip) {
    const compress = createGzip({ level: constants.Z_BEST_SPEED });
    pipeline(compress, res, () => undefined);
    out = compress;
  }
  try {
    await metrics.writeTo(out);
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Whether an Accept-Encoding header accepts gzip (listed, and not with `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? "").split(",")) {
    const [coding, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (coding !== "gzip") continue;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

async function handle(monitor: MonitorView, metrics: Metrics, history: LagHistory, ui: UiFiles, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    sendJson(res, 405, { error: "method not allowed" });
    return;
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  if (path === "/metrics") {
    await sendMetrics(metrics, req, res);
    return;
  }
  if (path === "/healthz") {
    const liveness = monitor.liveness();
    sendJson(res, liveness.live ? 200 : 503, { status: liveness.live ? "ok" : "failed", reason: liveness.reason, source: monitor.source ?? null });
    return;
  }
  if (path === "/readyz") {
    const readiness = monitor.readiness();
    sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? "ready" : "not ready", ...readiness });
    return;
  }
  if (path === "/groups") {
    sendJson(res, 200, groupsView(monitor));
    return;
  }
  if (path.startsWith("/groups/")) {
    let name: string;
    try {
      name = decodeURIComponent(path.slice("/groups/".length));
    } catch {
      sendJson(res, 400, { error: "malformed group name in path" });
      return;
    }
    const view = groupView(monitor, name);
    if (view === undefined) sendJson(res, 404, { error: "group not found", group: name });
    else sendJson(res, 200, view);
    return;
  }
  if (path === "/topics") {
    sendJson(res, 200, topicsView(monitor));
    return;
  }
  if (path === "/history") {
    const groups = url.searchParams.getAll("group");
    const top = Number(url.searchParams.get("top") ?? 10);
    if (!Number.isInteger(top) || top < 0) {
      sendJson(res, 400, { error: "top must be an integer >= 0", top: url.searchParams.get("top") });
      return;
    }
    sendJson(res, 200, historyView(monitor, history, groups.length > 0 ? groups : history.top(top)));
    return;
  }
  const asset = ui.assets.get(path);
  if (asset !== undefined) {
    send(res, 200, asset.type, asset.body, PAGE_HEADERS);
    return;
  }
  if (path === "/" && !acceptsHtml(req)) {
    sendJson(res, 200, { endpoints: ["/metrics", "/healthz", "/readyz", "/groups", "/groups/:group", "/topics", "/history", "/ui/groups/:group"] });
    return;
  }
  if (path === "/" || path === "/ui" || path.startsWith("/ui/groups/")) {
    // relative root of the page, so that it also works behind a reverse proxy that serves kommitted under a prefix
    const depth = url.pathname.split("/").length - 2;
    send(res, 200, "text/html; charset=utf-8", ui.html(depth > 0 ? "../".repeat(depth) : "./"), PAGE_HEADERS);
    return;
  }
  sendJson(res, 404, { error: "not found", path });
}

/** True unless the client asks for JSON and not HTML (browsers send `text/html`; `curl` sends `*\/*`). */
function acceptsHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "*/*";
  return accept.includes("text/html") || !accept.includes("application/json");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, "content-type": type, "content-length": Buffer.byteLength(text) });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
