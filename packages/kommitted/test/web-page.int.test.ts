// kommitted's web page in a real browser (Debian's headless Chromium) against a real kommitted over the real test broker:
// the page shows every group with the same status and lag as /groups, a group's partitions and members, charts drawn
// from the lag history, and refreshes by itself. Saves screenshots (KMTD_UPDATE_SCREENSHOTS=1 also writes the README's).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NO_SETTINGS } from "@kafkesc/kafka-io";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Config } from "../src/config.js";
import { DEFAULTS } from "../src/config.js";
import { createMetrics } from "../src/http/metrics.js";
import type { HttpServer } from "../src/http/server.js";
import { startHttpServer } from "../src/http/server.js";
import type { GroupLag } from "../src/lag/snapshot.js";
import { Monitor } from "../src/monitor.js";
import type { GroupSummary } from "../src/http/views.js";
import { dumpDom, elementsWith, pngSize, screenshot } from "./chromium-helpers.js";
import { commitOffsets, createTopic, member, producer, unique, waitFor } from "./kafka-helpers.js";

const brokers = inject("kafkaBootstrap");
const docs = fileURLToPath(new URL("../docs/", import.meta.url));

describe("kommitted's web page in headless Chromium", () => {
  const topic = unique("orders");
  const run = unique("r"); // in the three groups' IDs: `?q=<run>` filters the page down to them
  const stalled = `orders.billing-${run}`; // committed once, then never: STOP, lag growing with each batch
  const progressing = `orders.audit-${run}`; // commits part of each batch: lag that moves
  const live = `orders.shipping-${run}`; // a live member that reads everything: lag back to 0, one member
  const odd = `${unique("web")} <b>bold</b> & "quotes" / slash`; // group IDs are free text: shown as text, never as HTML
  const BATCHES = 6;
  const BATCH = 40;
  let monitor: Monitor;
  let server: HttpServer;
  let url: string;
  let liveMember: Awaited<ReturnType<typeof member>>;
  let frozen: { asOf: number; groups: GroupSummary[] };
  let monitorStopped = false;
  const out = mkdtempSync(join(tmpdir(), "kmtd-web-page-"));
  const SHOTS = [
    { name: "web-page.png", path: "?q=orders." }, // the three groups above, as a user would filter them
    { name: "web-page-group.png", path: `ui/groups/${encodeURIComponent(stalled)}` },
  ];

  beforeAll(async () => {
    await createTopic(brokers, topic, 2);
    const prod = await producer(brokers);
        /** Writes `n` records per partition, timestamped now, as a producer does. */
    const batch = async (n: number) => {
      const now = Date.now();
      const records = [0, 1].flatMap((partition) => Array.from({ length: n }, () => ({ partition, timestamp: now })));
      await prod.send(topic, records);
    };
    await batch(100);
    await commitOffsets(brokers, stalled, [0, 1].map((partition) => ({ topic, partition, offset: 20 + partition * 10 })));
    await commitOffsets(brokers, progressing, [0, 1].map((partition) => ({ topic, partition, offset: 60 })));
    await commitOffsets(brokers, odd, [{ topic, partition: 0, offset: 100 }]);
    liveMember = await member(brokers, live, topic, "classic", "shipping-service");
    const config: Config = { ...DEFAULTS, brokers, kafkaConfig: {}, settings: NO_SETTINGS, connectTimeoutMs: 30_000, port: 0, host: "127.0.0.1", logLevel: "warn", pollIntervalMs: 500, history: 100, historyReadyAt: 0.02, metadataRefreshMs: 2000, lagMode: "exact", stopAfterMs: 3000 };
    monitor = new Monitor(config, pino({ level: "warn" }));
    // a sample at each poll (every 500 ms; the step is shorter so that a poll a little early still counts)
    server = await startHttpServer(monitor, createMetrics(monitor), "127.0.0.1", 0, { history: { capacity: 120, stepMs: 400 } });
    url = `http://127.0.0.1:${server.port}/`;
    await monitor.start();
    await waitFor("readiness", async () => ((await fetch(`${url}readyz`)).status === 200 ? true : undefined));
    // batches a second or so apart, so that the charts have a history to draw: the stalled group falls behind, the
    // progressing one commits part of each batch, the live one keeps up
    for (let i = 1; i <= BATCHES; i++) {
      await batch(BATCH);
      await commitOffsets(brokers, progressing, [0, 1].map((partition) => ({ topic, partition, offset: 60 + i * (BATCH - 10) })));
      const expected = (100 + i * BATCH) * 2 - 50;
      await waitFor(`batch ${i} in the stalled group's lag`, () => (monitor.snapshot?.groups.get(stalled)?.totalOffsetLag === expected ? true : undefined));
      await waitFor(`${i} s of history`, async () => {
        const h = (await (await fetch(`${url}history?group=${stalled}`)).json()) as { groups: { samples: unknown[] }[] };
        return (h.groups[0]?.samples.length ?? 0) >= i * 2 ? true : undefined;
      });
    }
    await waitFor("the live group caught up with its member owning both partitions", () => {
      const g = monitor.snapshot?.groups.get(live);
      return g !== undefined && g.members.length === 1 && g.partitions.length === 2 && g.partitions.every((p) => p.offsetLag === 0 && p.owner !== null) ? true : undefined;
    });
    // screenshots of the live page, before the freeze below (the README shows them)
    for (const shot of SHOTS) await screenshot(`${url}${shot.path}`, join(out, shot.name), 1280, 900, 3000);
    // freeze: stop the monitor (the server keeps serving its last snapshot, and the history gets no new poll), so that
    // the page and /groups show the same poll
    await monitor.stop();
    monitorStopped = true;
    frozen = (await (await fetch(`${url}groups`)).json()) as { asOf: number; groups: GroupSummary[] };
  }, 180_000);

  afterAll(async () => {
    await liveMember?.stop();
    if (!monitorStopped) await monitor?.stop();
    await server?.close();
  });

  it("shows every group of /groups with the same status, offset lag, time lag, members and partitions", async () => {
    const dom = await dumpDom(`${url}?refresh=1`, 5000);
    const pageAsOf = Number(elementsWith(dom, "span", "data-as-of")[0]?.attrs["data-as-of"]);
    expect(pageAsOf).toBeGreaterThanOrEqual(frozen.asOf);
    /**
     * A time lag as of `frozen.asOf`, from the page's value as of `pageAsOf`: the same poll, but a monitor may measure
     * time lags against the time of each read, and then a lagging group's grows with the clock (a caught-up one stays 0).
     */
    const atFrozen = (pageMs: string, offsetLag: number) => (pageMs === "" ? null : offsetLag === 0 ? Number(pageMs) : Number(pageMs) - (pageAsOf - frozen.asOf));
    const rows = elementsWith(dom, "tr", "data-group");
    expect(rows.map((r) => r.attrs["data-group"]).sort()).toEqual(frozen.groups.map((g) => g.group).sort());
    for (const g of frozen.groups) {
      const row = rows.find((r) => r.attrs["data-group"] === g.group);
      expect(row?.attrs, g.group).toMatchObject({
        "data-status": g.status,
        "data-offset-lag": String(g.totalOffsetLag),
        "data-members": String(g.members),
        "data-partitions": String(g.partitions),
      });
      expect(atFrozen(row?.attrs["data-time-lag-ms"] ?? "", g.totalOffsetLag), g.group).toBe(g.maxTimeLagMs);
      // what a person reads: the name, the status, the lag with thousands separators, the exact time lag on hover
      expect(row?.text).toContain(g.group);
      expect(row?.text).toContain(g.status);
      expect(row?.text).toContain(g.totalOffsetLag.toLocaleString("en-US"));
      const pageMs = row?.attrs["data-time-lag-ms"];
      expect(row?.html).toContain(`title="${pageMs === "" ? "unknown" : `${pageMs} ms`}"`);
    }
    const stalledRow = frozen.groups.find((g) => g.group === stalled);
    expect(stalledRow).toMatchObject({ status: "STOP", totalOffsetLag: (100 + BATCHES * BATCH) * 2 - 50 });
    // refreshing by itself: with ?refresh=1, five virtual seconds re-render it several times
    expect(Number(/data-refreshes="(\d+)"/.exec(dom)?.[1])).toBeGreaterThanOrEqual(3);
    expect(dom).toContain('class="badge ready"');
  });

  it("draws the charts of the groups with the most lag from the history, as SVG, one point per sample", async () => {
    /** The points of each series of the first chart (offset lag) of a dumped page, by series name (a lone point is a circle). */
    const offsetLines = (dom: string) => {
      const chart = elementsWith(dom, "div", "data-chart")[0] as { html: string };
      const points = (html: string) => [...[...html.matchAll(/points="([^"]+)"/g)].flatMap((m) => (m[1] as string).split(" ")), ...(html.match(/<circle /g) ?? [])];
      return Object.fromEntries(elementsWith(chart.html, "g", "data-series").map((g) => [g.attrs["data-series"], points(g.html)]));
    };
    const dom = await dumpDom(url, 3000);
    // the 10 groups with the largest offset lag (ties by name), as /groups has them
    const top = [...frozen.groups].sort((x, y) => y.totalOffsetLag - x.totalOffsetLag || x.group.localeCompare(y.group)).slice(0, 10).map((g) => g.group);
    const history = (await (await fetch(`${url}history?${top.map((g) => `group=${encodeURIComponent(g)}`).join("&")}`)).json()) as { groups: { group: string; samples: unknown[] }[] };
    expect(top.length).toBeGreaterThanOrEqual(4);
    const charts = elementsWith(dom, "div", "data-chart");
    expect(charts.map((c) => c.attrs["data-chart"]?.split(",")[0])).toEqual([`Offset lag of the top ${top.length} groups`, `Time lag of the top ${top.length} groups`]);
    const lines = offsetLines(dom);
    expect(Object.keys(lines)).toEqual(top);
    for (const g of history.groups) expect(lines[g.group], g.group).toHaveLength(g.samples.length);
    // filtered by `?q=`: the table and the charts show the matching groups only
    const only = await dumpDom(`${url}?q=${encodeURIComponent(run)}`, 3000);
    expect(elementsWith(only, "tr", "data-group").map((r) => r.attrs["data-group"]).sort()).toEqual([progressing, stalled, live].sort());
    expect(Object.keys(offsetLines(only)).sort()).toEqual([progressing, stalled, live].sort());
    // a group's page charts that group alone
    const page = await dumpDom(`${url}ui/groups/${encodeURIComponent(stalled)}`, 3000);
    const own = (await (await fetch(`${url}history?group=${stalled}`)).json()) as { groups: { samples: unknown[] }[] };
    expect(Object.keys(offsetLines(page))).toEqual([stalled]);
    expect(offsetLines(page)[stalled]).toHaveLength(own.groups[0]?.samples.length ?? -1);
    expect(own.groups[0]?.samples.length).toBeGreaterThanOrEqual(BATCHES * 2);
  });

  it("shows a group's partitions and members, with the values of /groups/:group", async () => {
    const view = (await (await fetch(`${url}groups/${live}`)).json()) as GroupLag;
    const dom = await dumpDom(`${url}ui/groups/${encodeURIComponent(live)}`, 3000);
    const heading = elementsWith(dom, "h1", "data-group")[0];
    expect(heading?.attrs).toMatchObject({ "data-group": live, "data-status": view.status, "data-offset-lag": String(view.totalOffsetLag) });
    const partitions = elementsWith(dom, "tr", "data-partition");
    expect(partitions).toHaveLength(2);
    for (const p of view.partitions) {
      const row = partitions.find((r) => r.attrs["data-partition"] === String(p.partition));
      expect(row?.attrs).toMatchObject({
        "data-topic": topic,
        "data-committed-offset": String(p.committedOffset),
        "data-offset-lag": String(p.offsetLag),
        "data-status": p.status,
        "data-owner": "shipping-service",
      });
      expect(row?.text).toContain(p.committedOffset.toLocaleString("en-US"));
    }
    const members = elementsWith(dom, "tr", "data-member-id");
    expect(members.map((m) => m.attrs["data-client-id"])).toEqual(["shipping-service"]);
    expect(members[0]?.attrs["data-partitions"]).toBe("2");
    expect(members[0]?.text).toContain(`${topic} [0, 1]`);

    const stalledDom = await dumpDom(`${url}ui/groups/${encodeURIComponent(stalled)}`, 3000);
    const stalledView = (await (await fetch(`${url}groups/${stalled}`)).json()) as GroupLag;
    const lags = Object.fromEntries(elementsWith(stalledDom, "tr", "data-partition").map((r) => [r.attrs["data-partition"], Number(r.attrs["data-offset-lag"])]));
    expect(lags).toEqual(Object.fromEntries(stalledView.partitions.map((p) => [String(p.partition), p.offsetLag])));
    expect(lags).toEqual({ 0: 100 + BATCHES * BATCH - 20, 1: 100 + BATCHES * BATCH - 30 });
    expect(stalledDom).toContain('id="no-members"');
    const missing = await dumpDom(`${url}ui/groups/no-such-group`, 2000);
    expect(missing).toContain('id="not-found"');
  });

  it("shows a group whose ID holds HTML and a slash as text, and links to its page", async () => {
    const dom = await dumpDom(url, 3000);
    const row = elementsWith(dom, "tr", "data-group").find((r) => r.attrs["data-group"] === odd);
    expect(row?.text).toContain(odd);
    expect(dom).not.toContain("<b>bold</b>");
    expect(row?.html).toContain(`href="${url}ui/groups/${encodeURIComponent(odd).replaceAll("&", "&amp;")}"`);
    const page = await dumpDom(`${url}ui/groups/${encodeURIComponent(odd)}`, 3000);
    expect(elementsWith(page, "h1", "data-group")[0]?.attrs["data-group"]).toBe(odd);
    expect(elementsWith(page, "tr", "data-partition").map((r) => r.attrs["data-committed-offset"])).toEqual(["100"]);
  });

  it("saved screenshots of the overview and of a group page", () => {
    for (const shot of SHOTS) {
      const file = join(out, shot.name);
      const bytes = readFileSync(file);
      expect(pngSize(bytes)).toEqual({ width: 1280, height: 900 });
      expect(statSync(file).size).toBeGreaterThan(20_000); // a page with tables and charts, not a blank one
      if (process.env.KMTD_UPDATE_SCREENSHOTS === "1") {
        mkdirSync(docs, { recursive: true });
        copyFileSync(file, join(docs, shot.name));
      }
    }
    process.stderr.write(`web page screenshots in ${out}\n`);
  });
});
