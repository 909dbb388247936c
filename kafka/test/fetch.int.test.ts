/**
 * Fetching into an empty cache: concurrent fetches of one version (in this process: one Maven run; across
 * processes: separate runs, one rename wins) end with one complete copy and no temporary directory; a cached version
 * is answered without Maven. (Uses the machine's Maven repository, so no download.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedKafka, fetchKafka } from "../src/index.js";

let cache: string;
const saved = process.env.KAFKESC_KAFKA_CACHE;

beforeAll(async () => {
  await fetchKafka("3.9.2"); // warms the Maven repository when the machine's cache was empty
  cache = mkdtempSync(join(tmpdir(), "kafkesc-fetch-test-"));
  process.env.KAFKESC_KAFKA_CACHE = cache;
});

afterAll(() => {
  if (saved === undefined) delete process.env.KAFKESC_KAFKA_CACHE;
  else process.env.KAFKESC_KAFKA_CACHE = saved;
  rmSync(cache, { recursive: true, force: true });
});

describe("fetchKafka", () => {
  it("lets concurrent fetches of one version finish with one complete copy", async () => {
    expect(cachedKafka("3.9.2")).toBeUndefined();
    const results = await Promise.all([fetchKafka("3.9.2"), fetchKafka("3.9.2"), fetchKafka("3.9.2")]);
    const libDir = join(cache, "3.9.2", "libs");
    for (const result of results) expect(result).toEqual({ version: "3.9.2", libDir, classpath: join(libDir, "*") });
    expect(readdirSync(join(cache, "3.9.2"))).toEqual(["libs"]);
    const jars = readdirSync(libDir);
    expect(jars).toContain(".kafkesc-complete");
    for (const artifact of ["kafka_2.13-3.9.2.jar", "kafka-tools-3.9.2.jar", "kafka-clients-3.9.2.jar", "kafka-group-coordinator-3.9.2.jar",
      "kafka-streams-3.9.2.jar", "kafka-streams-examples-3.8.0.jar", "slf4j-reload4j-1.7.36.jar"]) {
      expect(jars, artifact).toContain(artifact);
    }
    expect(jars.some((jar) => jar.startsWith("kafka-share-coordinator"))).toBe(false);
    expect(jars.some((jar) => jar.startsWith("log4j-slf4j"))).toBe(false);
  });

  // Child processes run the compiled package (vitest's TypeScript loader is not available to them).
  const built = fileURLToPath(new URL("../dist/distribution/fetch.js", import.meta.url));
  it.skipIf(!existsSync(built))("lets fetches from separate processes race into an empty cache without corrupting it", async () => {
    rmSync(join(cache, "3.9.2"), { recursive: true, force: true });
    const child = () => new Promise<number>((resolve) => {
      const script = `import { fetchKafka } from ${JSON.stringify(built)}; await fetchKafka("3.9.2");`;
      spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore", env: process.env }).on("exit", (code) => resolve(code ?? -1));
    });
    expect(await Promise.all([child(), child()])).toEqual([0, 0]);
    expect(readdirSync(join(cache, "3.9.2"))).toEqual(["libs"]);
    expect(cachedKafka("3.9.2")).toBeDefined();
  });

  it("answers from the cache at once, fetches again when the completion marker is missing, removes abandoned staging", async () => {
    await fetchKafka("3.9.2");
    const started = Date.now();
    expect(cachedKafka("3.9.2")?.libDir).toBe(join(cache, "3.9.2", "libs"));
    await fetchKafka("3.9.2");
    expect(Date.now() - started).toBeLessThan(100);
    rmSync(join(cache, "3.9.2", "libs", ".kafkesc-complete"));
    // What a fetch killed half-way leaves: its staging directory, named after a pid that no longer runs.
    mkdirSync(join(cache, "3.9.2", "libs.tmp-999999999-dead"), { recursive: true });
    expect(cachedKafka("3.9.2")).toBeUndefined();
    await fetchKafka("3.9.2");
    expect(existsSync(join(cache, "3.9.2", "libs", ".kafkesc-complete"))).toBe(true);
    expect(readdirSync(join(cache, "3.9.2"))).toEqual(["libs"]);
  });
});
