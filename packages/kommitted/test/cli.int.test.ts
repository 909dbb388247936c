import { execFileSync, spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { startKafka } from "@kafkesc/kafka-harness";
import { commitOffsets, createTopic, producer, unique, waitFor } from "./kafka-helpers.js";
import { dumpDom, elementsWith } from "./chromium-helpers.js";

const brokers = inject("kafkaBootstrap");
const root = fileURLToPath(new URL("../../..", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Starts the built `kommitted` command and resolves with its HTTP port. */
function startCli(args: string[]): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr);
      if (m) resolve({ child, port: Number(m[1]), stderr: () => stderr });
    });
    child.once("exit", (code) => reject(new Error(`kommitted exited with ${code}: ${stderr}`)));
  });
}

describe("the kommitted command", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-b", "packages/kommitted"], { cwd: root, stdio: "inherit" });
  });

  it("exits 2 with a clear message on a bad flag", () => {
    const run = spawnSync(process.execPath, [cli, "--brokers", brokers, "--history-ready-at", "1.5"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--history-ready-at must be a number from 0 to 1, got '1.5'");
    const missing = spawnSync(process.execPath, [cli], { encoding: "utf8", env: { ...process.env, KOMMITTED_BROKERS: "" } });
    expect(missing.status).toBe(2);
  });

  it("exits 1 naming the topic when the offsets topic does not exist", () => {
    const topic = unique("kmtd-no-such-topic");
    const run = spawnSync(process.execPath, [cli, "--brokers", brokers, "--port", "0", "--offsets-topic", topic, "--request-timeout", "5s"], { encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(topic);
  });

  it("serves ready, groups and metrics from __consumer_offsets, and shuts down cleanly on SIGTERM", async () => {
    const topic = unique("kmtd-cli");
    const group = unique("kmtd-cli-g");
    await createTopic(brokers, topic, 2);
    const p = await producer(brokers);
    await p.send(topic, Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, timestamp: Date.now() })));
    await p.close();
    await commitOffsets(brokers, group, [{ topic, partition: 0, offset: 2 }]);
    const { child, port } = await startCli(["--brokers", brokers, "--host", "127.0.0.1", "--port", "0", "--poll-interval", "300ms", "--history", "10", "--history-ready-at", "0.2", "--cluster-id", "cli-test"]);
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor("ready", async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined));
      const view = await waitFor("group lag", async () => {
        const res = await fetch(`${base}/groups/${group}`);
        return res.status === 200 ? ((await res.json()) as { partitions: { offsetLag: number }[] }) : undefined;
      });
      expect(view.partitions[0]?.offsetLag).toBe(3);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain(`kmtd_kafka_consumer_partition_lag_offset{cluster_id="cli-test",group="${group}",topic="${topic}",partition="0",member_id="",member_host="",member_client_id=""} 3`);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // the built command serves the web page, its script from dist/ (what an image or an npm install ships)
      expect(await (await fetch(`${base}/ui/groups/${group}`, { headers: { accept: "text/html" } })).text()).toContain('<script type="module" src="../../ui/app.js">');
      expect(await (await fetch(`${base}/ui/app.js`)).text()).toContain("function lineChart(");
      // ... and that script, as tsc emitted it, runs in a real browser
      const dom = await dumpDom(`${base}/`, 3000);
      expect(elementsWith(dom, "tr", "data-group").find((r) => r.attrs["data-group"] === group)?.attrs["data-offset-lag"]).toBe("3");
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("starts on a fresh cluster while __consumer_offsets is still electing its leaders", async () => {
    const cluster = await startKafka({ nodes: 1 });
    try {
      const fresh = cluster.bootstrapServers;
      const topic = unique("kmtd-fresh");
      await cluster.createTopic(topic);
      // kommitted starts before __consumer_offsets exists; the first commit creates it, and kommitted meets its
      // partitions while they still elect leaders
      const started = startCli(["--brokers", fresh, "--host", "127.0.0.1", "--port", "0", "--poll-interval", "300ms", "--history", "10", "--history-ready-at", "0.2", "--request-timeout", "30s"]);
      await commitOffsets(fresh, unique("kmtd-fresh-g"), [{ topic, partition: 0, offset: 0 }]);
      const { child, port } = await started;
      try {
        await waitFor("ready", async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200 ? true : undefined));
      } finally {
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        child.kill("SIGTERM");
        expect(await exited).toBe(0);
      }
    } finally {
      await cluster.stop();
    }
  });
});
