/**
 * Failures are typed and quick: each case throws a KafkaHarnessError with its code, well before the start-up
 * bound, and leaves no JVM or data directory behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KafkaHarnessError, fetchKafka, runKafkaTool, startKafka } from "../src/index.js";

/** Kafka JVMs whose command line names `dataDir`, found through /proc. */
function jvmsUsing(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("kafka.Kafka") && cmdline.includes(dataDir)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** `count` distinct free loopback ports (held together while chosen). */
async function freePortsForTest(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<Server>((resolve) => {
    const server = createServer();
    server.listen({ host: "127.0.0.1", port: 0 }, () => resolve(server));
  })));
  const ports = servers.map((server) => { const a = server.address(); return typeof a === "object" && a ? a.port : 0; });
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

function harnessDataDirs(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("kafkesc-kafka-")));
}

const savedEnv = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME, KAFKESC_KAFKA_CACHE: process.env.KAFKESC_KAFKA_CACHE };
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function failure(promise: Promise<unknown>): Promise<KafkaHarnessError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(KafkaHarnessError);
  return error as KafkaHarnessError;
}

describe("typed failures", () => {
  it("BAD_VERSION for a malformed or too old version, before any download", async () => {
    const started = Date.now();
    expect((await failure(startKafka({ version: "4.4" }))).code).toBe("BAD_VERSION");
    expect((await failure(fetchKafka("latest"))).code).toBe("BAD_VERSION");
    expect((await failure(startKafka({ version: "2.8.0" }))).message).toMatch(/older than 3\.7\.0/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("BAD_OPTIONS for a node count other than 1 or 3", async () => {
    expect((await failure(startKafka({ nodes: 2 as 1 }))).code).toBe("BAD_OPTIONS");
  });

  it("MAVEN_FAILED, with Maven's own words, for a release that does not exist", async () => {
    process.env.KAFKESC_KAFKA_CACHE = mkdtempSync(join(tmpdir(), "kafkesc-cache-test-"));
    try {
      const error = await failure(fetchKafka("9.9.9"));
      expect(error.code).toBe("MAVEN_FAILED");
      expect(error.message).toMatch(/kafka_2\.13:jar:9\.9\.9|9\.9\.9/);
      // Nothing half-fetched is left in the cache.
      expect(readdirSync(join(process.env.KAFKESC_KAFKA_CACHE, "9.9.9"))).toEqual([]);
    } finally {
      rmSync(process.env.KAFKESC_KAFKA_CACHE, { recursive: true, force: true });
    }
  });

  it("JDK_NOT_FOUND when neither PATH nor JAVA_HOME has java", async () => {
    process.env.PATH = "/nonexistent";
    delete process.env.JAVA_HOME;
    const started = Date.now();
    expect((await failure(startKafka())).code).toBe("JDK_NOT_FOUND");
    expect((await failure(runKafkaTool("4.4.0", "kafka.Kafka", ["--version"]))).code).toBe("JDK_NOT_FOUND");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("PORT_IN_USE when a fixed port is taken, without launching a JVM", async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const address = squatter.address();
    const taken = typeof address === "object" && address ? address.port : 0;
    try {
      const before = harnessDataDirs();
      const error = await failure(startKafka({ ports: [{ broker: taken, controller: taken + 1 }] }));
      expect(error.code).toBe("PORT_IN_USE");
      expect(error.context.port).toBe(taken);
      expect([...harnessDataDirs()].filter((dir) => !before.has(dir))).toEqual([]);
    } finally {
      squatter.close();
    }
  });

  it("PORT_IN_USE from the broker itself when a listener set through brokerConfig is taken (log included)", async () => {
    // The harness checks the ports it chose; a listener the caller sets is only found taken by the JVM.
    const squatter: Server = createServer();
    const [controller = 0] = await freePortsForTest(1);
    await new Promise<void>((resolve) => squatter.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const address = squatter.address();
    const taken = typeof address === "object" && address ? address.port : 0;
    try {
      const error = await failure(startKafka({
        brokerConfig: {
          listeners: `PLAINTEXT://127.0.0.1:${taken},CONTROLLER://127.0.0.1:${controller}`,
          "advertised.listeners": `PLAINTEXT://127.0.0.1:${taken}`,
          "controller.quorum.bootstrap.servers": `127.0.0.1:${controller}`,
        },
      }));
      expect(error.code).toBe("PORT_IN_USE");
      expect(error.context.port).toBe(taken);
      expect(error.message).toMatch(/--- log tail ---[\s\S]*(BindException|Address already in use)/);
    } finally {
      squatter.close();
    }
  });

  it("START_TIMEOUT (with the node's log tail) when the bound is too short, and nothing keeps running", async () => {
    const before = harnessDataDirs();
    const error = await failure(startKafka({ startTimeoutMs: 1 }));
    expect(error.code).toBe("START_TIMEOUT");
    expect(error.message).toContain("--- log tail ---");
    expect(error.context.path).toMatch(/server\.log$/);
    const leftovers = [...harnessDataDirs()].filter((dir) => !before.has(dir));
    expect(leftovers).toEqual([]);
    for (const dir of leftovers) expect(jvmsUsing(join(tmpdir(), dir))).toEqual([]);
  });

  it("NODE_EXITED (with the log tail) when the broker dies on a setting that formatting accepts", async () => {
    // An unknown authorizer class: storage formats fine, the broker fails when it loads the class.
    const error = await failure(startKafka({ brokerConfig: { "authorizer.class.name": "org.example.NoSuchAuthorizer" } }));
    expect(error.code).toBe("NODE_EXITED");
    expect(error.message).toMatch(/--- log tail ---[\s\S]*NoSuchAuthorizer/);
  });
});
