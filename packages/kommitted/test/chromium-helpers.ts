// Runs Debian's headless Chromium on a page: the DOM after its scripts ran (`--dump-dom`), or a PNG screenshot.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The Chromium binary (Debian's `chromium` package). */
export const CHROMIUM = process.env.KAFKESC_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Runs Chromium headless with a throw-away profile and no background traffic, waiting `budgetMs` of virtual time for
 * the page's scripts (timers run, network waits do not count). A closed network: every request but to loopback goes
 * to a proxy where nothing listens (Chromium sends loopback direct), so a page that needed anything from elsewhere
 * would show it. Rejects with its stderr if it fails or hangs.
 */
export function runChromium(url: string, args: string[], budgetMs: number, timeoutMs = 90_000): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), "kmtd-chromium-"));
  const child = spawn(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--hide-scrollbars",
      "--proxy-server=http://127.0.0.1:9",
      `--user-data-dir=${profile}`,
      `--virtual-time-budget=${budgetMs}`,
      ...args,
      url,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (code === 0) resolve(stdout);
      else reject(new Error(`chromium exited ${code ?? signal} on ${url}: ${stderr.slice(-2000)}`));
    });
  });
}

/** The page's DOM, serialized, after `budgetMs` of virtual time. */
export function dumpDom(url: string, budgetMs: number): Promise<string> {
  return runChromium(url, ["--dump-dom"], budgetMs);
}

/** Saves a PNG screenshot of the page at `width` x `height` after `budgetMs` of virtual time. */
export async function screenshot(url: string, file: string, width: number, height: number, budgetMs: number): Promise<void> {
  await runChromium(url, [`--screenshot=${file}`, `--window-size=${width},${height}`], budgetMs);
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** An element of the dumped DOM: its attributes and its text (tags stripped, entities decoded). */
export interface DomElement {
  attrs: Record<string, string>;
  text: string;
  html: string;
}

/** Decodes the entities Chromium's serializer writes. */
function decode(s: string): string {
  return s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&nbsp;", "\u00a0").replaceAll("&amp;", "&");
}

/** The `<tag>` elements of a serialized DOM that carry `attribute`, each up to its matching closing tag. */
export function elementsWith(dom: string, tag: string, attribute: string): DomElement[] {
  const out: DomElement[] = [];
  const tags = new RegExp(`<(/?)${tag}(\\s[^>]*)?>`, "g");
  for (const open of dom.matchAll(new RegExp(`<${tag}(\\s[^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of (open[1] as string).matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1] as string] = decode(a[2] as string);
    if (!(attribute in attrs)) continue;
    // find the closing tag at the same depth
    const from = (open.index as number) + open[0].length;
    tags.lastIndex = from;
    let depth = 1;
    let end = dom.length;
    for (let m = tags.exec(dom); m !== null; m = tags.exec(dom)) {
      depth += m[1] === "/" ? -1 : 1;
      if (depth === 0) {
        end = m.index;
        break;
      }
    }
    const html = dom.slice(from, end);
    out.push({ attrs, html, text: decode(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim() });
  }
  return out;
}
