/**
 * The parser libraries in a real browser: headless Chromium (Debian's `chromium`, installed by scripts/setup.sh) loads
 * the built ES modules of @kafkesc/bytes-parser and @kafkesc/konsumer-offsets unchanged (an import map points the
 * package names at their dist/ folders, served over http by this test), decodes the real-broker fixtures of every
 * Kafka version, and posts its output back; it must equal, line for line, what Node prints with the same modules.
 * Twice more under a strict Content-Security-Policy (no 'unsafe-eval'): the generated readers (`new Function`) are
 * refused there, so the package falls back to its interpreted readers by itself, or is loaded through its
 * `no-eval` entry point (then not one CSP violation). A screenshot of the page is saved for people to look at.
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const fixtures = join(root, "packages/konsumer-offsets/test/fixtures/real");
const versions = readdirSync(fixtures).filter((v) => existsSync(join(fixtures, v, "records.jsonl"))).sort();
/** Where the screenshot goes (ignored by git). */
const screenshot = join(root, "test-results/browser/konsumer-offsets-in-chromium.png");

/** What the page posts back: the decoded lines per Kafka version, and what it saw of the CSP. */
interface PageResult {
  mode: string;
  evalBlocked: boolean | null;
  violations: string[];
  decoded: Record<string, { records: number; lines: string[]; types: Record<string, number> }>;
  error?: string;
}

/** Folders the server exposes, by URL prefix: the two packages' build output and the fixtures. */
const MOUNTS: Record<string, string> = {
  "/pkg/bytes-parser/": join(root, "packages/bytes-parser/dist/"),
  "/pkg/konsumer-offsets/": join(root, "packages/konsumer-offsets/dist/"),
  "/fixtures/": `${fixtures}/`,
  "/lib/": join(root, "test/browser/"),
};
const TYPES: Record<string, string> = { ".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json", ".jsonl": "text/plain", ".json": "application/json" };

/** The page: an import map to the dist/ folders, then a module that decodes everything and posts the result. */
function page(mode: string, nonce: string): string {
  const importMap = {
    imports: {
      "@kafkesc/bytes-parser": "/pkg/bytes-parser/index.js",
      "@kafkesc/konsumer-offsets": "/pkg/konsumer-offsets/index.js",
      "@kafkesc/konsumer-offsets/no-eval": "/pkg/konsumer-offsets/no-eval.js",
    },
  };
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>konsumer-offsets in Chromium (${mode})</title>
<style nonce="${nonce}">body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}</style>
<script type="importmap" nonce="${nonce}">${JSON.stringify(importMap)}</script></head>
<body><h1>@kafkesc/konsumer-offsets in ${mode === "plain" ? "a web page" : "a page with a strict Content-Security-Policy"}</h1>
<p id="status">decoding…</p><table id="table"></table>
<script type="module" nonce="${nonce}">
const violations = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));
const mode = ${JSON.stringify(mode)};
const result = { mode, evalBlocked: null, violations: [], decoded: {} };
try {
  const ko = mode === "csp-no-eval" ? await import("@kafkesc/konsumer-offsets/no-eval") : await import("@kafkesc/konsumer-offsets");
  const { decodeFixtures } = await import("/lib/decode-fixtures.mjs");
  if (mode !== "csp-no-eval") {
    try { new Function("return 1")(); result.evalBlocked = false; } catch { result.evalBlocked = true; }
  }
  const readText = async (path) => (await fetch("/fixtures/" + path)).text();
  result.decoded = await decodeFixtures(ko, ${JSON.stringify(versions)}, readText);
  const rows = Object.entries(result.decoded).map(([v, d]) =>
    "<tr><td>Kafka " + v + "</td><td>" + d.records + "</td><td>" + d.lines.filter((l) => l.includes(" ERROR ")).length + "</td><td>" +
    Object.keys(d.types).length + "</td></tr>");
  document.getElementById("table").innerHTML = "<tr><th>fixtures</th><th>records</th><th>errors</th><th>record types</th></tr>" + rows.join("");
  document.getElementById("status").textContent = "decoded in " + navigator.userAgent.match(/Chrome\\/[\\d.]+/)[0] +
    (mode === "plain" ? "" : " under script-src 'self' 'nonce-…' (no 'unsafe-eval'), " + (mode === "csp-no-eval" ? "the no-eval entry point" : "readers interpreted by themselves"));
} catch (error) {
  result.error = String(error && error.stack || error);
  document.getElementById("status").textContent = "failed: " + result.error;
}
await new Promise((resolve) => setTimeout(resolve, 50)); // let violation events arrive
result.violations = violations;
await fetch("/result", { method: "POST", body: JSON.stringify(result) });
document.title = "done";
</script></body></html>`;
}

/** Serves the page (with or without the CSP header), the mounted folders, and takes the page's posted result. */
function serve(onResult: (result: PageResult) => void): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "POST" && url.pathname === "/result") {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        res.writeHead(204).end();
        onResult(JSON.parse(body) as PageResult);
      });
      return;
    }
    if (url.pathname === "/page") {
      const mode = url.searchParams.get("mode") ?? "plain";
      const nonce = randomBytes(12).toString("base64");
      const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
      if (mode !== "plain") headers["content-security-policy"] = `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'nonce-${nonce}'`;
      res.writeHead(200, headers).end(page(mode, nonce));
      return;
    }
    for (const [prefix, dir] of Object.entries(MOUNTS)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Chromium's flags for a quiet, headless, throw-away run. */
const chromiumFlags = (profile: string): string[] => [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`,
];

/** Loads `url` in Chromium, dumps its DOM once its scripts ran, and returns the DOM text. */
function dumpDom(url: string, profile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, [...chromiumFlags(profile), "--virtual-time-budget=60000", "--dump-dom", url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`chromium exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

/** What Node prints for the same fixtures with the same built modules (a plain `node`, no test runner in between). */
async function nodeOutput(): Promise<PageResult["decoded"]> {
  const script = `
    import { readFileSync } from "node:fs";
    const ko = await import(${JSON.stringify(new URL("../packages/konsumer-offsets/dist/index.js", import.meta.url).href)});
    const { decodeFixtures } = await import(${JSON.stringify(new URL("./browser/decode-fixtures.mjs", import.meta.url).href)});
    const decoded = await decodeFixtures(ko, ${JSON.stringify(versions)}, async (path) => readFileSync(${JSON.stringify(`${fixtures}/`)} + path, "utf8"));
    process.stdout.write(JSON.stringify(decoded));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as PageResult["decoded"];
}

describe("konsumer-offsets in headless Chromium", () => {
  let server: Server;
  let base: string;
  let profile: string;
  let node: PageResult["decoded"];
  const waiting = new Map<string, (result: PageResult) => void>();

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`).toBe(true);
    expect(existsSync(join(root, "packages/konsumer-offsets/dist/index.js")), "build first: npm run build").toBe(true);
    server = await serve((result) => waiting.get(result.mode)?.(result));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), "kafkesc-chromium-"));
    node = await nodeOutput();
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Opens the page in `mode` and resolves with what it posted (and the DOM Chromium dumped). */
  async function run(mode: string): Promise<{ result: PageResult; dom: string }> {
    const posted = new Promise<PageResult>((resolve) => waiting.set(mode, resolve));
    const dom = await dumpDom(`${base}/page?mode=${mode}`, profile);
    const result = await Promise.race([posted, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the ${mode} page posted nothing; DOM: ${dom.slice(0, 2000)}`)), 5000))]);
    return { result, dom };
  }

  /** The page decoded every fixture of every version, with Node's exact output. */
  function expectSameAsNode(result: PageResult): void {
    expect(result.error).toBeUndefined();
    expect(Object.keys(result.decoded)).toEqual(versions);
    for (const version of versions) {
      const browser = result.decoded[version]!;
      const expected = node[version]!;
      expect(browser.records, version).toBeGreaterThan(50);
      expect(browser.lines.filter((line) => line.includes(" ERROR ")), version).toEqual([]);
      expect(browser.lines, version).toEqual(expected.lines);
    }
    // GroupMetadata records carry bytes (base64 in the output): the case that needed Node's Buffer before.
    expect(versions.every((v) => (result.decoded[v]!.types.GroupMetadata ?? 0) > 0)).toBe(true);
  }

  test("decodes every real-broker fixture exactly as Node does, and saves a screenshot", async () => {
    const { result, dom } = await run("plain");
    expectSameAsNode(result);
    expect(result.evalBlocked).toBe(false);
    expect(dom).toContain("<title>done</title>");
    expect(dom).toContain("decoded in Chrome/");

    mkdirSync(join(root, "test-results/browser"), { recursive: true });
    rmSync(screenshot, { force: true });
    await promisify(execFile)(CHROMIUM, [...chromiumFlags(profile), "--virtual-time-budget=60000", "--window-size=1000,420", `--screenshot=${screenshot}`, `${base}/page?mode=plain`], { timeout: 150_000 });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe("PNG");
    console.info(`browser test: screenshot in ${screenshot}`);
  }, 300_000);

  test("under a CSP without 'unsafe-eval', new Function is refused and the readers fall back to the interpreter by themselves", async () => {
    const { result } = await run("csp-auto");
    expect(result.evalBlocked).toBe(true); // the policy is in force
    expectSameAsNode(result);
  }, 300_000);

  test("through the no-eval entry point, decoding under that CSP causes no violation at all", async () => {
    const { result } = await run("csp-no-eval");
    expectSameAsNode(result);
    expect(result.violations).toEqual([]);
  }, 300_000);
});
