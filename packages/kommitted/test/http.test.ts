import { get } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../src/http/metrics.js";
import type { HttpOptions, HttpServer } from "../src/http/server.js";
import { startHttpServer } from "../src/http/server.js";
import { LagCalculator, rebaseSnapshot } from "../src/lag/snapshot.js";
import type { MonitorView, Readiness } from "../src/monitor.js";
import { GroupRegistry } from "../src/state/groups.js";
import { PartitionOffsetsStore } from "../src/state/partition-offsets.js";

/** A monitor assembled from the real parts, without Kafka. */
function fakeMonitor(): MonitorView & { ready: boolean } {
  const registry = new GroupRegistry();
  const store = new PartitionOffsetsStore(10);
  store.setTopics([{ name: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] }]);
  registry.apply({
    kind: "classic-group",
    group: "billing",
    protocolType: "consumer",
    protocol: "range",
    generation: 3,
    leader: "m-1",
    stateTimestamp: 0,
    members: [{ memberId: "m-1", instanceId: null, clientId: "billing-app", clientHost: "/10.1.2.3", assignment: [{ topic: "orders", partitions: [0, 1] }] }],
  });
  registry.apply({ kind: "offset-commit", group: "billing", topic: "orders", partition: 0, offset: 90, commitTimestamp: 9_000, leaderEpoch: 0, metadata: "" });
  registry.apply({ kind: "offset-commit", group: "billing", topic: "orders", partition: 1, offset: 50, commitTimestamp: 9_000, leaderEpoch: 0, metadata: "" });
  store.observe("orders", 0, 0, 100, 10_000);
  store.observe("orders", 1, 0, 50, 10_000);
  const calculator = new LagCalculator({ registry, store, rules: { windowSize: 5, stopAfterMs: 60_000 }, mode: "estimate" });
  const snapshot = calculator.compute(10_000);
  const view = {
    ready: false,
    config: { clusterId: "test-cluster" },
    registry,
    store,
    snapshot,
    polled: snapshot,
    readAt: 10_000,
    lastPoll: { partitions: 2, failed: 0, listOffsetsMs: 3, refreshedMetadata: true },
    reader: { stats: { records: 42, decodeErrors: 0 } },
    shareStateReader: { stats: { records: 7, decodeErrors: 0 } },
    readiness(): Readiness {
      return { ready: view.ready, waitingFor: view.ready ? [] : ["offset history"], replayPendingPartitions: [], shareStateReplayPendingPartitions: [], polls: { done: 1, needed: 2 } };
    },
    liveness: () => ({ live: true, reason: null }),
  };
  return view;
}

describe("HTTP server", () => {
  const monitor = fakeMonitor();
  const site = serving(monitor);

  it("serves the Rust kommitted's metric names and labels, without timestamps", async () => {
    const res = await fetch(`${site.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    const labels = 'cluster_id="test-cluster",group="billing",topic="orders",partition="0",member_id="m-1",member_host="/10.1.2.3",member_client_id="billing-app"';
    expect(text).toContain(`kmtd_kafka_consumer_partition_lag_offset{${labels}} 10\n`);
    expect(text).toContain(`kmtd_kafka_consumer_partition_offset{${labels}} 90\n`);
    expect(text).toContain(`kmtd_kafka_consumer_partition_commit_age_milliseconds{${labels}} 1000\n`);
    expect(text).toMatch(/kmtd_kafka_consumer_partition_lag_milliseconds\{[^}]*partition="1"[^}]*\} 0\n/);
    expect(text).toContain('kmtd_kafka_partition_latest_available_offset{cluster_id="test-cluster",topic="orders",partition="0"} 100\n');
    expect(text).toContain('kmtd_kafka_partition_earliest_available_offset{cluster_id="test-cluster",topic="orders",partition="1"} 0\n');
    expect(text).toContain('kmtd_consumer_groups_total{cluster_id="test-cluster"} 1\n');
    expect(text).toContain('kmtd_consumer_groups_members_total{cluster_id="test-cluster",group="billing"} 1\n');
    expect(text).toContain('kmtd_consumer_group_status{cluster_id="test-cluster",group="billing",group_type="classic",status="OK"} 1\n');
    // no explicit sample timestamps: every sample line ends with the value
    for (const line of text.split("\n").filter((l) => l.startsWith("kmtd_kafka"))) expect(line).toMatch(/\} -?[\d.e+]+$/);
  });

  it("compresses /metrics with gzip when the scraper asks, as Prometheus does, and not otherwise", async () => {
    const zipped = await getMetrics(site.base, "gzip");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("accept-encoding");
    const plain = await getMetrics(site.base, undefined);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const ours = (text: string) => text.split("\n").filter((l) => l.startsWith("kmtd_kafka") || l.startsWith("kmtd_consumer"));
    expect(ours(gunzipSync(zipped.body).toString())).toEqual(ours(plain.body.toString()));
    expect(ours(plain.body.toString()).length).toBeGreaterThan(5);
  });

  it("answers /healthz and /readyz (503 until ready)", async () => {
    expect((await fetch(`${site.base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${site.base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: "not ready", waitingFor: ["offset history"] });
    monitor.ready = true;
    const ready = await fetch(`${site.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", waitingFor: [] });
  });

  it("lists groups and shows one group with members, assignments and lag per partition", async () => {
    const list = (await (await fetch(`${site.base}/groups`)).json()) as { groups: unknown[] };
    expect(list.groups).toEqual([{ group: "billing", type: "classic", status: "OK", members: 1, partitions: 2, totalOffsetLag: 10, maxTimeLagMs: expect.any(Number) }]);
    const one = (await (await fetch(`${site.base}/groups/billing`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({
      group: "billing",
      type: "classic",
      protocolType: "consumer",
      members: [{ memberId: "m-1", clientId: "billing-app", assignment: [{ topic: "orders", partitions: [0, 1] }] }],
    });
    expect((one.partitions as Record<string, unknown>[])[0]).toMatchObject({ topic: "orders", partition: 0, committedOffset: 90, latestOffset: 100, offsetLag: 10, status: "OK", stale: false });
    const missing = await fetch(`${site.base}/groups/nope`);
    expect(missing.status).toBe(404);
  });

  it("lists topics with offsets and readers; rejects other methods and paths", async () => {
    const topics = (await (await fetch(`${site.base}/topics`)).json()) as { topics: Record<string, unknown>[] };
    expect(topics.topics[0]).toMatchObject({ topic: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", groups: ["billing"] });
    expect((await fetch(`${site.base}/groups`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${site.base}/nowhere`)).status).toBe(404);
  });
});

describe("/metrics at scale", () => {
  // 40,000 tracked partitions: four partition series each, about 3.6 MB of text, many chunks
  const monitor = fakeMonitor();
  monitor.store.setTopics([{ name: "orders", topicId: "AAAAAAAAAAAAAAAAAAAAAQ", partitions: [0, 1] }, ...Array.from({ length: 40 }, (_, t) => ({ name: `wide-${t}`, topicId: `AAAAAAAAAAAAAAAAAAAA${String(t).padStart(2, "0")}`, partitions: Array.from({ length: 1000 }, (_, p) => p) }))]);
  for (let t = 0; t < 40; t++) for (let p = 0; p < 1000; p++) monitor.store.observe(`wide-${t}`, p, 0, p, 10_000);
  const site = serving(monitor);

  const latestSeries = (text: string) => text.split("\n").filter((l) => l.startsWith("kmtd_kafka_partition_latest_available_offset{")).length;

  it("serves every series to a scraper that reads slowly, plain and gzip-compressed", async () => {
    for (const encoding of ["identity", "gzip"]) {
      const reply = await getMetrics(site.base, encoding, { slow: true });
      const body = (reply.headers["content-encoding"] === "gzip" ? gunzipSync(reply.body) : reply.body).toString();
      expect(latestSeries(body)).toBe(40_002);
      expect(body.endsWith("\n")).toBe(true);
    }
  });

  it("survives scrapers that hang up halfway, and answers the next one whole", async () => {
    for (const encoding of ["identity", "gzip"]) {
      await new Promise<void>((resolve, reject) => {
        const req = get(`${site.base}/metrics`, { headers: { "accept-encoding": encoding } }, (res) => {
          res.once("data", () => {
            req.destroy(); // Prometheus' scrape timeout does this
            resolve();
          });
        });
        req.on("error", () => undefined);
        req.on("close", () => resolve());
        req.setTimeout(5_000, () => reject(new Error("no answer")));
      });
    }
    const text = await (await fetch(`${site.base}/metrics`)).text();
    expect(latestSeries(text)).toBe(40_002);
  });
});

describe("web page and lag history routes", () => {
  const polledAt10s = fakeMonitor();
  // read at 12 s, 2 s after the poll (the sampler records the poll's own snapshot, at its time)
  const monitor = { ...polledAt10s, snapshot: polledAt10s.polled && rebaseSnapshot(polledAt10s.polled, 12_000), readAt: 12_000 };
  const site = serving(monitor, { history: { capacity: 10, stepMs: 1 } });

  it("serves the page at / and /ui/groups/:group with a relative root and a self-only content policy", async () => {
    const home = await fetch(`${site.base}/`, { headers: { accept: "text/html" } });
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(home.headers.get("content-security-policy")).toContain("default-src 'none'; script-src 'self'");
    const html = await home.text();
    expect(html).toContain('<meta name="kommitted-root" content="./">');
    expect(html).toContain('<script type="module" src="./ui/app.js">');
    const group = await (await fetch(`${site.base}/ui/groups/billing`)).text();
    expect(group).toContain('<meta name="kommitted-root" content="../../">');
    const js = await fetch(`${site.base}/ui/app.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toContain("function lineChart(");
    expect((await fetch(`${site.base}/ui/app.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
    // a client that asks for JSON only still gets the list of endpoints
    const list = (await (await fetch(`${site.base}/`, { headers: { accept: "application/json" } })).json()) as { endpoints: string[] };
    expect(list.endpoints).toContain("/history");
  });

  it("answers /history with the groups' samples (each poll's own snapshot, at the poll's time), by name or the top groups by lag", async () => {
    await waitUntil(async () => ((await (await fetch(`${site.base}/history`)).json()) as { groups: unknown[] }).groups.length > 0);
    const top = (await (await fetch(`${site.base}/history?top=5`)).json()) as { asOf: number; stepMs: number; capacity: number; groups: { group: string; samples: unknown[] }[] };
    // the answer is as of the read; the sample is the poll's, at 10 s
    expect(top).toMatchObject({ asOf: 12_000, stepMs: 1, capacity: 10 });
    expect(top.groups).toEqual([{ group: "billing", samples: [{ t: 10_000, offsetLag: 10, timeLagMs: expect.any(Number) }] }]);
    const named = (await (await fetch(`${site.base}/history?group=billing&group=nope`)).json()) as { groups: { group: string }[] };
    expect(named.groups.map((g) => g.group)).toEqual(["billing"]);
    expect((await fetch(`${site.base}/history?top=-1`)).status).toBe(400);
  });
});

/** Serves `monitor` for the tests of the enclosing `describe`; `base` is its address once they run. */
function serving(monitor: MonitorView, options?: HttpOptions): { base: string } {
  const site = { base: "" };
  let server: HttpServer | undefined;
  beforeAll(async () => {
    server = await startHttpServer(monitor, createMetrics(monitor), "127.0.0.1", 0, options);
    site.base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close());
  return site;
}

/**
 * GET /metrics with `encoding` as Accept-Encoding (none if undefined): headers and the body as it came over the wire.
 * A `slow` reader pauses after every chunk, so the server's writes wait for it (exposition.test.ts tests the waiting).
 */
function getMetrics(base: string, encoding: string | undefined, { slow = false } = {}): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}/metrics`, { headers: encoding === undefined ? {} : { "accept-encoding": encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        if (!slow) return;
        res.pause();
        setTimeout(() => res.resume(), 1);
      });
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

/** Polls `check` every 20 ms until it is true (the history sampler runs on a timer). */
async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("condition never met");
}
