/**
 * ksunami's container image, run for real against the harness's broker (host networking): what the image says
 * about itself, a bounded wave produced from the container and read back from the host, configuration from
 * environment variables only (as the Kubernetes Job example does), SIGTERM, and the unprivileged user.
 *
 * The image is built by `docker/build-image.sh` (`.ci/run` runs it before the tests); these tests never build it,
 * and skip, saying why, when it is not there or when KAFKESC_SKIP_IMAGE=1.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, test } from "vitest";
import type { RunningContainer } from "./container.js";
import { IMAGE, KSUNAMI_VERSION, imageAvailability, inspectImage, removeContainer, runContainer, startContainer } from "./container.js";
import { createTopic } from "../support/kafka.js";
import { readRecords } from "./records.js";
import type { ReadRecord } from "./records.js";

const availability = await imageAvailability();
if (!availability.available) console.warn(`ksunami image tests skipped: ${availability.reason}`);

/** The container's UID and GID (the Dockerfile's `USER 10001:10001`). */
const UID = 10001;
/** `--flush-timeout` of the SIGTERM test: the container must be gone well within it. */
const FLUSH_TIMEOUT_SEC = 10;

/** The summary's totals line: `produced N = delivered N + failed N`. */
function summaryTotals(output: string): { produced: number; delivered: number; failed: number } {
  const match = /produced ([\d,]+) = delivered ([\d,]+) \+ failed ([\d,]+)/.exec(output);
  if (!match) throw new Error(`no summary in the container's output:\n${output}`);
  const n = (s: string | undefined): number => Number((s ?? "").replaceAll(",", ""));
  return { produced: n(match[1]), delivered: n(match[2]), failed: n(match[3]) };
}

const started: RunningContainer[] = [];
afterEach(async () => {
  // A failed test must not leave a container producing to the shared broker.
  await Promise.all(started.splice(0).map((c) => removeContainer(c.name)));
});

describe.runIf(availability.available)(`ksunami image ${IMAGE}`, () => {
  const brokers = inject("kafkaBootstrap");
  const topicName = (what: string): string => `ksunami-image-${what}-${randomUUID().slice(0, 8)}`;

  test("says its version, and prints the long help by default (CMD --help)", async () => {
    const version = await runContainer({ args: ["--version"] });
    expect(version).toMatchObject({ exitCode: 0, stdout: `${KSUNAMI_VERSION}\n` });

    const help = await runContainer();
    expect(help.exitCode).toBe(0);
    for (const text of ["--brokers", "KSUNAMI_BROKERS", "--duration", "KSUNAMI_HEAD", "The wave: four phases that repeat."]) {
      expect(help.stdout).toContain(text);
    }

    const invalid = await runContainer({ args: ["-b", brokers, "-t", "t", "--min", "5", "--max", "1"] });
    expect(invalid.exitCode).toBe(2); // a bad value: nothing sent, and the exit code reaches the caller
    expect(invalid.stderr).toContain("--min");
  });

  test("is labelled, runs ksunami as its entrypoint as an unprivileged user, and carries no build secret", async () => {
    const config = await inspectImage();
    expect(config.entrypoint).toEqual(["ksunami"]);
    expect(config.cmd).toEqual(["--help"]);
    expect(config.user).toBe(`${UID}:${UID}`);
    expect(config.labels).toMatchObject({
      "org.opencontainers.image.title": "ksunami",
      "org.opencontainers.image.version": KSUNAMI_VERSION,
      "org.opencontainers.image.licenses": "Apache-2.0",
    });
    expect(config.labels["org.opencontainers.image.source"]).toMatch(/^https:\/\//);
    expect(config.labels["org.opencontainers.image.description"]).toBeTruthy();

    const id = await runContainer({ entrypoint: "id" });
    expect(id).toMatchObject({ exitCode: 0, stdout: `uid=${UID}(ksunami) gid=${UID}(ksunami) groups=${UID}(ksunami)\n` });
    // The CA bundle handed to the build is a build secret: in no layer, and no variable points at it.
    const secrets = await runContainer({ entrypoint: "sh", args: ["-c", "ls /run/secrets 2>/dev/null; env"] });
    expect(secrets.exitCode).toBe(0);
    expect(secrets.stdout).not.toMatch(/host-ca|NODE_EXTRA_CA_CERTS|npm_config_cafile/);
  });

  test("produces a bounded wave to a topic; the host reads back every record, with its key, payload and headers", async () => {
    const topic = topicName("flags");
    await createTopic(brokers, topic, 3);
    const run = randomUUID();
    // One cycle: 1 s at 0 rec/s (room for the producer to connect), then 2 s at 20 rec/s = 40 records; --duration 3.5
    // stops in the second cycle's idle phase, so exactly 40 are due.
    const result = await runContainer({
      args: ["-b", brokers, "-t", topic, "--min", "0", "--min-sec", "1", "--max", "20", "--max-sec", "2", "--up", "none", "--down", "none",
        "--duration", "3.5", "-k", "alpha:12", "-p", "string:ksunami in a container", "--head", "origin:container", "--head", `run:${run}`],
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(summaryTotals(result.stdout + result.stderr)).toEqual({ produced: 40, delivered: 40, failed: 0 });

    const records = await readRecords(brokers, topic, 3, { expected: 40, timeoutMs: 30_000 });
    expect(records).toHaveLength(40);
    for (const record of records) {
      expect(record.key).toMatch(/^[A-Za-z0-9]{12}$/);
      expect(record.value).toBe("ksunami in a container");
      expect(record.headers).toEqual([["origin", "container"], ["run", run]]);
    }
    expect(new Set(records.map((r) => r.key)).size).toBeGreaterThan(30); // random keys, not one repeated
    expect(new Set(records.map((r) => r.partition)).size).toBeGreaterThan(1); // spread by the keys' hash
  });

  test("takes its whole configuration from KSUNAMI_* environment variables (no arguments, read-only, as the Kubernetes Job)", async () => {
    const topic = topicName("env");
    await createTopic(brokers, topic, 1);
    const result = await runContainer({
      entrypoint: "ksunami", // no arguments at all: not even the image's CMD
      readOnly: true, // as the Job's readOnlyRootFilesystem
      env: {
        KSUNAMI_BROKERS: brokers, KSUNAMI_TOPIC: topic, KSUNAMI_CLIENT_ID: "ksunami-from-env",
        KSUNAMI_MIN: "0", KSUNAMI_MIN_SEC: "1", KSUNAMI_MAX: "10", KSUNAMI_MAX_SEC: "2", KSUNAMI_UP: "none", KSUNAMI_DOWN: "none",
        KSUNAMI_DURATION: "3.5", KSUNAMI_KEY: "string:key-from-env", KSUNAMI_PAYLOAD: "int:100-199",
        KSUNAMI_HEAD: "source:env\nsource:twice", KSUNAMI_CONFIG: "linger.ms:5\nacks:all", KSUNAMI_FLUSH_TIMEOUT: "10",
      },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(summaryTotals(result.stdout + result.stderr)).toEqual({ produced: 20, delivered: 20, failed: 0 });

    const records = await readRecords(brokers, topic, 1, { expected: 20, timeoutMs: 30_000 });
    expect(records).toHaveLength(20);
    for (const record of records) {
      expect(record.key).toBe("key-from-env");
      expect(Number(record.value)).toBeGreaterThanOrEqual(100);
      expect(Number(record.value)).toBeLessThanOrEqual(199);
      expect(record.headers).toEqual([["source", "env"], ["source", "twice"]]);
    }
  });

  test("on SIGTERM flushes, prints its summary and exits 0 within the flush timeout; runs as UID 10001", async () => {
    const topic = topicName("sigterm");
    await createTopic(brokers, topic, 2);
    const container = startContainer({
      args: ["-b", brokers, "-t", topic, "--min", "200", "--max", "200", "-k", "int:1-1000", "-p", "bytes:100",
        "--flush-timeout", String(FLUSH_TIMEOUT_SEC)],
    });
    started.push(container);

    // The first record, read back from the host: how long from `run` to a record in Kafka.
    let first: ReadRecord | undefined;
    await readRecords(brokers, topic, 2, { expected: 1, settleMs: 0, timeoutMs: 60_000, onFirst: (record) => (first = record) });
    expect(first, `no record within 60 s; output: ${JSON.stringify(container.output())}`).toBeDefined();
    console.info(`ksunami image: first record produced ${first!.timestamp - container.startedAt} ms after \`run\``);

    // The container's main process (PID 1, ksunami's node) runs unprivileged.
    const status = await container.exec(["cat", "/proc/1/status"]);
    expect(status.stdout).toMatch(new RegExp(`^Uid:\\s+${UID}\\s+${UID}\\s+${UID}\\s+${UID}$`, "m"));
    const commandLine = await container.exec(["cat", "/proc/1/cmdline"]);
    expect(commandLine.stdout.split("\0").slice(0, 2)).toEqual(["node", "/opt/ksunami/packages/ksunami/bin/ksunami.js"]);

    await new Promise((resolve) => setTimeout(resolve, 1000)); // a steady second
    const signalledAt = Date.now();
    await container.signal("SIGTERM");
    const exit = await container.exited;
    expect(exit.exitCode, exit.stderr).toBe(0);
    expect(exit.exitedAt - signalledAt).toBeLessThan(FLUSH_TIMEOUT_SEC * 1000);
    console.info(`ksunami image: exited ${exit.exitedAt - signalledAt} ms after SIGTERM`);

    const totals = summaryTotals(exit.stdout + exit.stderr);
    expect(totals.failed).toBe(0);
    expect(totals.delivered).toBe(totals.produced);
    expect(totals.delivered).toBeGreaterThan(200); // more than a second at 200 rec/s
    // Flushed: every record it counted as delivered is in the topic, and nothing else.
    const records = await readRecords(brokers, topic, 2, { expected: totals.delivered, timeoutMs: 30_000 });
    expect(records).toHaveLength(totals.delivered);
  });
});

if (!availability.available) {
  const reason = availability.reason;
  describe("ksunami image", () => {
    test.skip(`skipped: ${reason}`, () => {});
  });
}
