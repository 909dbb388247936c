/**
 * kommitted's container image, run for real against the harness's broker (host networking): what the image says about
 * itself, configuration from KOMMITTED_* variables and a client settings file mounted read-only, with a read-only root
 * filesystem (as the Kubernetes Deployment runs it), the true lag of a group served from the container, its web page, its health check, the
 * unprivileged user, and a clean SIGTERM.
 *
 * The image is built by `docker/build-image.sh` (`.ci/run` runs it before the tests); these tests never build it,
 * and skip, saying why, when it is not there or when KAFKESC_SKIP_IMAGE=1.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, inject, test } from "vitest";
import type { RunningContainer } from "../../../../docker/test/container.js";
import { containerImage, removeContainer } from "../../../../docker/test/container.js";
import { MALLOC_ARENAS, YOUNG_SEMI_SPACE_MB } from "../../src/heap.js";
import { commitOffsets, createTopic, producer, unique, waitFor } from "../kafka-helpers.js";

const kommitted = containerImage("kommitted");
const availability = await kommitted.availability();
if (!availability.available) console.warn(`kommitted image tests skipped: ${availability.reason}`);

/** The container's UID and GID (the Dockerfile's `USER 10001:10001`). */
const UID = 10001;

/** A TCP port free on the host right now (the container shares the host's network). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const started: RunningContainer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => removeContainer(c.name)));
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe.runIf(availability.available)(`kommitted image ${kommitted.image}`, () => {
  const brokers = inject("kafkaBootstrap");

  test("says its version and its flags; without brokers it exits 2 naming the flag", async () => {
    expect(await kommitted.run({ args: ["--version"] })).toMatchObject({ exitCode: 0, stdout: `${kommitted.version}\n` });
    const help = await kommitted.run({ args: ["--help"] });
    expect(help.exitCode).toBe(0);
    for (const text of ["--brokers", "KOMMITTED_BROKERS", "--lag-mode", "--groups-exclude"]) expect(help.stdout).toContain(text);
    const bare = await kommitted.run();
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain("--brokers");
  });

  test("is labelled, runs kommitted as its entrypoint as an unprivileged user, exposes its port and checks its health", async () => {
    const config = await kommitted.inspect();
    expect(config.entrypoint).toEqual(["kommitted"]);
    expect(config.cmd).toEqual([]);
    expect(config.user).toBe(`${UID}:${UID}`);
    expect(config.exposedPorts).toEqual(["6564/tcp"]);
    expect(config.healthcheck[0]).toBe("CMD");
    expect(config.healthcheck.join(" ")).toContain("/healthz");
    expect(config.labels).toMatchObject({
      "org.opencontainers.image.title": "kommitted",
      "org.opencontainers.image.version": kommitted.version,
      "org.opencontainers.image.licenses": "Apache-2.0",
    });
    const id = await kommitted.run({ entrypoint: "id" });
    expect(id).toMatchObject({ exitCode: 0, stdout: `uid=${UID}(kommitted) gid=${UID}(kommitted) groups=${UID}(kommitted)\n` });
    const secrets = await kommitted.run({ entrypoint: "sh", args: ["-c", "ls /run/secrets 2>/dev/null; env"] });
    expect(secrets.stdout).not.toMatch(/host-ca|NODE_EXTRA_CA_CERTS|npm_config_cafile/);
  });

  test("configured by KOMMITTED_* variables and a mounted settings file only, on a read-only root filesystem: ready, the true lag, healthy, then SIGTERM exits 0", async () => {
    const topic = unique("kmtd-image");
    const group = unique("kmtd-image-g");
    await createTopic(brokers, topic, 2);
    const p = await producer(brokers);
    await p.send(topic, Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, timestamp: Date.now() - 30_000 })));
    await p.close();
    await commitOffsets(brokers, group, [{ topic, partition: 0, offset: 5 }, { topic, partition: 1, offset: 20 }]);

    // the client settings file, mounted read-only as the Kubernetes Deployment mounts its Secret: the brokers come from it
    const settings = mkdtempSync(join(tmpdir(), "kommitted-image-"));
    cleanups.push(() => rmSync(settings, { recursive: true, force: true }));
    writeFileSync(join(settings, "client.properties"), `# as a Java client's client.properties\nbootstrap.servers=${brokers}\nsocket.keepalive.enable=true\n`);
    chmodSync(settings, 0o755);
    chmodSync(join(settings, "client.properties"), 0o644);
    const port = await freePort();
    const container = kommitted.start({
      readOnly: true,
      volumes: [`${join(settings, "client.properties")}:/etc/kommitted/client.properties:ro`],
      env: {
        KOMMITTED_CONFIG_FILE: "/etc/kommitted/client.properties", KOMMITTED_HOST: "127.0.0.1", KOMMITTED_PORT: String(port), KOMMITTED_CLUSTER_ID: "image-test",
        KOMMITTED_POLL_INTERVAL: "500ms", KOMMITTED_HISTORY_READY_AT: "0", KOMMITTED_GROUPS: `${group},other-.*`,
      },
    });
    started.push(container);
    const base = `http://127.0.0.1:${port}`;
    await waitFor("the container's kommitted ready", async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; output: ${JSON.stringify(container.output())}`);
    });

    const view = (await (await fetch(`${base}/groups/${group}`)).json()) as { partitions: { partition: number; offsetLag: number; timeLag: { method: string } }[] };
    expect(view.partitions.map((x) => [x.partition, x.offsetLag]).sort()).toEqual([[0, 15], [1, 0]]);
    expect(view.partitions.find((x) => x.partition === 0)?.timeLag.method).toBe("record-timestamp");
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`kmtd_kafka_consumer_partition_lag_offset{cluster_id="image-test",group="${group}",topic="${topic}",partition="0",member_id="",member_host="",member_client_id=""} 15`);
    const groups = (await (await fetch(`${base}/groups`)).json()) as { groups: { group: string }[] };
    expect(groups.groups.map((g) => g.group)).toEqual([group]); // KOMMITTED_GROUPS applied
    // the web page and its script ship in the image (the script is read from beside the built server)
    const page = await fetch(`${base}/`, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const script = await fetch(`${base}/ui/app.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(1000);

    // the image's own health check, run inside the container as the engine runs it
    const config = await kommitted.inspect();
    const check = await container.exec(config.healthcheck.slice(1));
    expect(check.exitCode, check.stderr).toBe(0);
    const status = await container.exec(["cat", "/proc/1/status"]);
    expect(status.stdout).toMatch(new RegExp(`^Uid:\\s+${UID}\\s+${UID}\\s+${UID}\\s+${UID}$`, "m"));
    // the command started itself again as process 1 with its runtime settings (the image sets neither)
    const [node, ...args] = (await container.exec(["cat", "/proc/1/cmdline"])).stdout.split("\0");
    expect(node).toMatch(/(^|\/)node$/);
    expect(args.slice(0, 2)).toEqual([`--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`, "/opt/kommitted/packages/kommitted/bin/kommitted.js"]);
    expect((await container.exec(["cat", "/proc/1/environ"])).stdout.split("\0")).toContain(`MALLOC_ARENA_MAX=${MALLOC_ARENAS}`);
    const write = await container.exec(["sh", "-c", "touch /opt/kommitted/x"]);
    expect(write.exitCode).not.toBe(0); // the root filesystem is read-only indeed

    const signalledAt = Date.now();
    await container.signal("SIGTERM");
    const exit = await container.exited;
    expect(exit.exitCode, exit.stderr).toBe(0);
    const stopMs = exit.exitedAt - signalledAt;
    console.info(`kommitted image: exited ${stopMs} ms after SIGTERM`);
    expect(stopMs).toBeLessThan(10_000); // within docker stop's default grace period
  });
});

if (!availability.available) {
  const reason = availability.reason;
  describe("kommitted image", () => {
    test.skip(`skipped: ${reason}`, () => {});
  });
}
