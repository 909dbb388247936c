/**
 * The packages as users get them. `scripts/pack.mjs` (what `npm run pack` runs) packs every public workspace package;
 * all the tarballs are installed together into an empty prefix with `npm install --global --prefix` (our packages
 * from the tarballs, third-party ones from the registry; the native Kafka client builds from source there, as in
 * setup.sh, once: only kafka-io depends on it), once for this file. Then each command runs from that prefix's bin/, as a user's
 * shell would find it: `--version`, `konsumer-offsets decode` of a real record, `ksunami --plan`, a short wave to the
 * test broker, and kommitted reading the lag that a group has on it. KAFKESC_SKIP_INSTALL_TEST=1 skips it (CI's
 * Node 24 pass, after the first pass ran it); KAFKESC_INSTALLED_PREFIX=DIR checks a prefix installed earlier instead
 * of installing (to work on this test without waiting for the native builds again).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { KafkaJS } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { admin, commitOffsets, createTopic, endOffsets, unique, waitFor } from "../packages/kommitted/test/kafka-helpers.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const brokers = inject("kafkaBootstrap");

/** One tarball as scripts/pack.mjs --json describes it. */
interface Packed {
  name: string;
  version: string;
  location: string;
  tarball: string;
  size: number;
}

/** The public workspace packages, from the root manifest's workspaces (what the tarballs must cover). */
function publicWorkspaces(): { name: string; location: string; bin: Record<string, string> }[] {
  const workspaces = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
  return workspaces
    .flatMap((pattern) => (pattern.endsWith("/*") ? readdirSync(join(root, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`) : [pattern]))
    .filter((location) => existsSync(join(root, location, "package.json")))
    .map((location) => ({ location, ...(JSON.parse(readFileSync(join(root, location, "package.json"), "utf8")) as { name: string; private?: boolean; bin?: Record<string, string> }) }))
    .filter((m) => m.private !== true)
    .map((m) => ({ name: m.name, location: m.location, bin: m.bin ?? {} }));
}

/** `.ci/run`'s second pass (Node 24) sets it: the global install is tested once per CI run, on the machine's Node. */
const skip = process.env.KAFKESC_SKIP_INSTALL_TEST === "1";
if (skip) console.warn("install test skipped: KAFKESC_SKIP_INSTALL_TEST=1");

describe.skipIf(skip)("the packed packages, installed globally into an empty prefix", () => {
  let work: string;
  let prefix: string;
  let packed: Packed[];
  let env: NodeJS.ProcessEnv;
  /** Runs an installed command the way a shell would find it (the prefix's bin/ first on PATH). */
  const command = (name: string, args: string[], timeout = 60_000) => run(name, args, { env, timeout, maxBuffer: 64 * 1024 * 1024 });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "kafkesc-install-"));
    prefix = join(work, "prefix");
    const out = await run(process.execPath, [join(root, "scripts/pack.mjs"), "--out", join(work, "packs"), "--json"], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    packed = JSON.parse(out.stdout) as Packed[];
    env = { ...process.env, PATH: `${join(prefix, "bin")}:${process.env.PATH}` };
    if (process.env.KAFKESC_INSTALLED_PREFIX) {
      // For work on this test: the checks run on a prefix installed earlier the same way, not on a new install.
      prefix = process.env.KAFKESC_INSTALLED_PREFIX;
      env = { ...process.env, PATH: `${join(prefix, "bin")}:${process.env.PATH}` };
      return;
    }
    const started = Date.now();
    // Not in the repository's folder: npm must see no workspace, only the tarballs and the registry.
    await run("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", ...packed.map((p) => p.tarball)], {
      cwd: work,
      env: { ...process.env, CKJS_LINKING: "dynamic" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `install test: ${packed.map((p) => `${p.name} ${(p.size / 1000).toFixed(1)} kB`).join(", ")}; ` +
        `npm install --global of all ${packed.length} tarballs: ${seconds.toFixed(0)} s on Node ${process.version}`,
    );
  }, 1_800_000); // the native client builds from source: minutes on 2 cores shared with the rest of the suite

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("every public workspace package has a tarball, and our packages depend on each other's tarballs, not the registry", () => {
    expect(packed.map((p) => p.name).sort()).toEqual(publicWorkspaces().map((w) => w.name).sort());
    const lib = join(prefix, "lib/node_modules");
    for (const p of packed) {
      expect(existsSync(join(lib, p.name, "package.json")), p.name).toBe(true);
      // A dependency on one of our packages resolves to the installed tarball beside it, never to a nested copy.
      const nested = join(lib, p.name, "node_modules/@kafkesc");
      expect(existsSync(nested) ? readdirSync(nested) : [], `${p.name} has nested @kafkesc packages`).toEqual([]);
      // Shipped: package.json, README, LICENSE, bin/ and dist/ only (no sources, tests or build info).
      const shipped = readdirSync(join(lib, p.name)).filter((f) => f !== "node_modules").sort();
      expect(shipped.filter((f) => !["LICENSE", "README.md", "bin", "dist", "package.json", "pom.xml"].includes(f)), p.name).toEqual([]);
      expect(readFileSync(join(lib, p.name, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    }
    // The tools and the harness get the Kafka client from kafka-io: one native build in the prefix, not one per package.
    const clients = readdirSync(lib, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(join("@confluentinc", "kafka-javascript", "package.json")));
    expect(clients).toEqual([join("@kafkesc", "kafka-io", "node_modules", "@confluentinc", "kafka-javascript", "package.json")]);
  });

  test("each command is on the prefix's PATH and prints its package's version", async () => {
    const bins = publicWorkspaces().flatMap((w) => Object.keys(w.bin).map((name) => ({ name, location: w.location })));
    expect(bins.map((b) => b.name).sort()).toEqual(expect.arrayContaining(["kommitted", "konsumer-offsets", "ksunami"]));
    for (const bin of bins) {
      const { version } = JSON.parse(readFileSync(join(root, bin.location, "package.json"), "utf8")) as { version: string };
      expect((await command(bin.name, ["--version"])).stdout.trim(), bin.name).toBe(version);
    }
  }, 120_000);

  test("konsumer-offsets decode prints a real Kafka 4.4.0 record, group metadata with its members", async () => {
    const lines = readFileSync(join(root, "packages/konsumer-offsets/test/fixtures/real/4.4.0/records.jsonl"), "utf8").split("\n").filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as { key: string; value: string | null });
    const groupMetadata = records.find((r) => r.key.startsWith("0002") && r.value !== null && r.value.length > 200)!;
    const { stdout } = await command("konsumer-offsets", ["decode", "-k", groupMetadata.key, "-v", groupMetadata.value!]);
    const decoded = JSON.parse(stdout) as { type: string; value: { protocolType: string; members: { subscription: { kind: string } }[] } };
    expect(decoded.type).toBe("GroupMetadata");
    expect(decoded.value.members.length).toBeGreaterThan(0);
    expect(decoded.value.members[0]!.subscription.kind).toBe(decoded.value.protocolType === "consumer" ? "consumer" : expect.any(String));
  });

  test("ksunami --plan prints a cycle without connecting", async () => {
    const { stdout } = await command("ksunami", ["--plan", "--min", "10", "--max", "100", "--min-sec", "5", "--max-sec", "5", "--up", "linear", "--up-sec", "2", "--down", "linear", "--down-sec", "2"]);
    expect(stdout).toContain("One cycle of the wave");
    expect(stdout).toMatch(/^cycle\s+14 s\s/m);
  });

  test("ksunami sends a short wave to the test broker, and kommitted serves the lag of a group on it", async () => {
    const topic = unique("install-wave");
    const group = unique("install-readers");
    const a: KafkaJS.Admin = await admin(brokers);
    let kommitted: ChildProcess | undefined;
    try {
      await createTopic(brokers, topic, 2);
      await command("ksunami", ["-b", brokers, "-t", topic, "--min", "40", "--max", "40", "--min-sec", "1", "--max-sec", "1", "--duration", "2", "-q"], 120_000);
      const ends = await endOffsets(a, topic);
      const produced = [...ends.values()].reduce((sum, n) => sum + n, 0);
      expect(produced).toBeGreaterThan(0);
      await commitOffsets(brokers, group, [{ topic, partition: 0, offset: 0 }, { topic, partition: 1, offset: 0 }]);

      kommitted = spawn("kommitted", ["--brokers", brokers, "--host", "127.0.0.1", "--port", "0", "--poll-interval", "300ms", "--history", "10", "--history-ready-at", "0.2"], { env, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      kommitted.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const port = await waitFor("kommitted listening", () => /listening on http:\/\/[^:]+:(\d+)/.exec(stderr)?.[1], 120_000);
      const base = `http://127.0.0.1:${port}`;
      await waitFor("kommitted ready", async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 120_000);
      const groups = await waitFor("the group in /groups", async () => {
        const body = (await (await fetch(`${base}/groups`)).json()) as unknown;
        return JSON.stringify(body).includes(group) ? body : undefined;
      });
      expect(JSON.stringify(groups)).toContain(group);
      const view = await waitFor("the group's lag", async () => {
        const res = await fetch(`${base}/groups/${group}`);
        return res.status === 200 ? ((await res.json()) as { partitions: { topic: string; partition: number; offsetLag: number }[] }) : undefined;
      });
      const lags = Object.fromEntries(view.partitions.filter((p) => p.topic === topic).map((p) => [p.partition, p.offsetLag]));
      expect(lags).toEqual({ 0: ends.get(0), 1: ends.get(1) });
    } finally {
      if (kommitted && kommitted.exitCode === null) {
        const exited = new Promise((resolve) => kommitted!.once("exit", resolve));
        kommitted.kill("SIGTERM");
        await exited;
      }
      await a.disconnect();
    }
  }, 300_000);
});
