// Runs a real Prometheus (Debian's `prometheus` package) for tests: temporary storage, a free port, a config written here.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "./kafka-helpers.js";

/** A port nothing listens on right now (the OS picks it; closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** One result of an instant query. */
export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** A running Prometheus. */
export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** The directory holding its config, rules and storage. */
  dir: string;
  /** Runs an instant query; throws with Prometheus's error text if the query fails. */
  query(expr: string): Promise<PromSample[]>;
  /** Stops it and deletes its directory. */
  stop(): Promise<void>;
}

/** Starts Prometheus with `scrapeConfigs` (YAML text of the `scrape_configs` list items) and `rules` (file contents). */
export async function startPrometheus(options: { scrapeConfigs: string; rules: string; intervalSeconds: number }): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "kmtd-prometheus-"));
  writeFileSync(join(dir, "rules.yaml"), options.rules);
  writeFileSync(
    join(dir, "prometheus.yml"),
    [
      "global:",
      `  scrape_interval: ${options.intervalSeconds}s`,
      `  evaluation_interval: ${options.intervalSeconds}s`,
      "rule_files: [rules.yaml]",
      "scrape_configs:",
      options.scrapeConfigs,
    ].join("\n"),
  );
  const port = await freePort();
  const child = spawn(
    "prometheus",
    [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor("Prometheus ready", async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
      return (await fetch(`${base}/-/ready`)).status === 200 ? true : undefined;
    }, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    dir,
    async query(expr) {
      const res = await fetch(`${base}/api/v1/query?${new URLSearchParams({ query: expr })}`);
      const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: PromSample[] | [number, string] } };
      if (body.status !== "success") throw new Error(`query failed: ${expr}: ${body.error ?? res.status}`);
      const data = body.data as { resultType: string; result: PromSample[] | [number, string] };
      // a scalar (e.g. `time()`) comes back as one value without labels
      return data.resultType === "scalar" ? [{ metric: {}, value: data.result as [number, string] }] : (data.result as PromSample[]);
    },
    stop,
  };
}

/** Runs `promtool check rules` on a file; returns its exit status and output. */
export function promtoolCheckRules(file: string): { status: number | null; output: string } {
  const result = spawnSync("promtool", ["check", "rules", file], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
