/**
 * No JVM outlives the process that started it: a child Node process starts a cluster, then dies (SIGKILL, which
 * no handler sees, or SIGINT); its JVM must be gone and its data removed shortly after. The children run the
 * compiled package (`npm run build`), as vitest's TypeScript loader is not available to them.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const built = fileURLToPath(new URL("../dist/index.js", import.meta.url));

/** Starts a cluster in a child process that reports it on stdout, then sends itself `signal`. */
function childThatDies(signal: "SIGKILL" | "SIGINT"): Promise<{ pid: number; dir: string; exit: { code: number | null; signal: string | null } }> {
  const script = `
    import { startKafka } from ${JSON.stringify(built)};
    const cluster = await startKafka();
    console.log(JSON.stringify({ pid: cluster.pids().get(1), dir: cluster.dataDir }));
    setInterval(() => {}, 1000);
    process.kill(process.pid, ${JSON.stringify(signal)});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => { out += chunk.toString(); });
    child.on("error", reject);
    child.on("exit", (code, sig) => {
      try {
        resolve({ ...JSON.parse(out) as { pid: number; dir: string }, exit: { code, signal: sig } });
      } catch (error) {
        reject(new Error(`child printed ${JSON.stringify(out)} (${String(error)})`));
      }
    });
  });
}

function isKafka(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("kafka.Kafka");
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe.skipIf(!existsSync(built))("exit hooks", () => {
  it("the watchdog kills the JVM and removes the data when the parent is SIGKILLed", async () => {
    const { pid, dir, exit } = await childThatDies("SIGKILL");
    expect(exit.signal).toBe("SIGKILL");
    expect(await eventually(() => !isKafka(pid), 5_000)).toBe(true);
    expect(await eventually(() => !existsSync(dir), 5_000)).toBe(true);
  });

  it("SIGINT kills the JVM, removes the data, and still ends the process (exit 130)", async () => {
    const { pid, dir, exit } = await childThatDies("SIGINT");
    expect(exit.code ?? exit.signal).toSatisfy((how: number | string) => how === 130 || how === "SIGINT");
    expect(isKafka(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
