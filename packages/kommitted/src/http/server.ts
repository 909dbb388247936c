/**
 * The HTTP server (node:http): `/metrics` (Prometheus text), `/healthz`, `/readyz`, and the JSON REST API
 * (`/groups`, `/groups/:group`, `/topics`). Read-only: every route answers GET (and HEAD).
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { KommittedError } from "../errors.js";
import type { MonitorView } from "../monitor.js";
import { groupView, groupsView, topicsView } from "./views.js";

/** A listening server and how to stop it. */
export interface HttpServer {
  /** The bound port (useful with port 0). */
  port: number;
  /** Closes the server. */
  close(): Promise<void>;
}

/** Starts serving on `host:port`. */
export function startHttpServer(monitor: MonitorView, metrics: Registry, host: string, port: number): Promise<HttpServer> {
  const server = createServer((req, res) => {
    handle(monitor, metrics, req, res).catch((error: unknown) => sendJson(res, 500, { error: "internal", message: error instanceof Error ? error.message : String(error) }));
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new KommittedError("HTTP_LISTEN_FAILED", `cannot listen on ${host}:${port}: ${error.message}`, { host, port }, { cause: error })));
    server.listen(port, host, () => resolve({ port: (server.address() as AddressInfo).port, close: () => closeServer(server) }));
  });
}

async function handle(monitor: MonitorView, metrics: Registry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    sendJson(res, 405, { error: "method not allowed" });
    return;
  }
  const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  if (path === "/metrics") {
    const body = await metrics.metrics();
    res.writeHead(200, { "content-type": metrics.contentType });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  if (path === "/healthz") {
    const liveness = monitor.liveness();
    sendJson(res, liveness.live ? 200 : 503, { status: liveness.live ? "ok" : "failed", reason: liveness.reason });
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
  if (path === "/") {
    sendJson(res, 200, { endpoints: ["/metrics", "/healthz", "/readyz", "/groups", "/groups/:group", "/topics"] });
    return;
  }
  sendJson(res, 404, { error: "not found", path });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
