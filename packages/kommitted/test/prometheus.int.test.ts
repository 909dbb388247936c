// A real Prometheus scrapes a real kommitted over the real test broker: every expression of the shipped Grafana dashboard
// and alert rules runs, the lag panels show the known lag, promtool accepts the rules, and the alerts fire.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { parse, stringify } from "yaml";
import { commitOffsets, createTopic, producer, unique, waitFor } from "./kafka-helpers.js";
import type { RunningKommitted } from "./monitor-helpers.js";
import { startKommitted } from "./monitor-helpers.js";
import type { RunningPrometheus } from "./prometheus-helpers.js";
import { freePort, promtoolCheckRules, startPrometheus } from "./prometheus-helpers.js";

const brokers = inject("kafkaBootstrap");
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const RULES_FILE = join(repo, "deploy/prometheus/kommitted-rules.yaml");
const DASHBOARD_FILE = join(repo, "deploy/grafana/kommitted.json");
const CLUSTER = "kmtd-prometheus-test";

interface Rule {
  alert: string;
  expr: string;
  for?: string;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}
interface Panel {
  title: string;
  panels?: Panel[];
  targets?: { expr: string; refId: string }[];
}
interface Dashboard {
  panels: Panel[];
  templating: { list: { name: string; query: { query: string } }[] };
  __inputs: { name: string; pluginId: string }[];
  schemaVersion: number;
}

/**
 * The test copy of the rules: `for:` shortened to 1 s and each threshold lowered to what the test's known lag crosses,
 * so that every alert fires within the test. Each replacement must apply: a changed rule file fails here, visibly.
 */
const TEST_THRESHOLDS: Record<string, [string, string]> = {
  KafkaConsumerGroupOffsetLagHigh: ["> 100000", "> 100"],
  KafkaConsumerGroupTimeLagHigh: ["> 300000", "> 1000"],
  KafkaConsumerGroupTimeLagCritical: ["> 1800000", "> 2000"],
  KommittedDecodeErrors: ["> 0", ">= 0"],
};
function testRules(shipped: RuleFile): RuleFile {
  const copy = structuredClone(shipped);
  for (const rule of copy.groups.flatMap((g) => g.rules)) {
    rule.for = "1s";
    const threshold = TEST_THRESHOLDS[rule.alert];
    if (threshold === undefined) continue;
    if (!rule.expr.includes(threshold[0])) throw new Error(`rule ${rule.alert} no longer has threshold ${threshold[0]}: update the test copy`);
    rule.expr = rule.expr.replace(threshold[0], threshold[1]);
  }
  return copy;
}

/** Every query target of the dashboard, with its panel title, rows' nested panels included. */
function dashboardTargets(panels: Panel[]): { panel: string; refId: string; expr: string }[] {
  return panels.flatMap((p) => [...(p.targets ?? []).map((t) => ({ panel: p.title, refId: t.refId, expr: t.expr })), ...dashboardTargets(p.panels ?? [])]);
}

describe("Prometheus scraping kommitted over a real Kafka, with the shipped rules and dashboard", () => {
  const topic = unique("kmtd-prom");
  const group = unique("kmtd-prom-stalled");
  const committed = [30, 50]; // of 100 records per partition
  const ADDED = 20; // records added to partition 0 once Prometheus has seen the first lag
  const base = Date.now() - 60_000;
  /** The timestamp we gave the record at `offset` of `partition`. */
  const ts = (partition: number, offset: number) => base + offset * 100 + partition;
  const shipped = parse(readFileSync(RULES_FILE, "utf8")) as RuleFile;
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, "utf8")) as Dashboard;
  let kmtd: RunningKommitted;
  let warming: RunningKommitted;
  let prom: RunningPrometheus;
  /** Dashboard variables as Grafana would substitute them with one cluster, group and topic selected. */
  const substitute = (expr: string) =>
    expr
      .replaceAll("$__rate_interval", "30s")
      .replaceAll("$job", "kommitted")
      .replaceAll("$cluster", CLUSTER)
      .replaceAll("$group", group)
      .replaceAll("$topic", topic);

  beforeAll(async () => {
    await createTopic(brokers, topic, 2);
    const prod = await producer(brokers);
    try {
      await prod.send(topic, [0, 1].flatMap((partition) => Array.from({ length: 100 }, (_, o) => ({ partition, timestamp: ts(partition, o) }))));
    } finally {
      await prod.close();
    }
    await commitOffsets(brokers, group, committed.map((offset, partition) => ({ topic, partition, offset })));
    // the group committed once and never again: it is STOP once its commit is older than 3 s
    kmtd = await startKommitted(brokers, { clusterId: CLUSTER, lagMode: "exact", stopAfterMs: 3000 });
    // a second kommitted whose history needs 100,000 polls: never ready, for the not-ready alert
    warming = await startKommitted(brokers, { clusterId: `${CLUSTER}-warming`, history: 100_000, historyReadyAt: 1 });
    const target = (k: RunningKommitted) => new URL(k.base).host;
    prom = await startPrometheus({
      intervalSeconds: 1,
      rules: stringify(testRules(shipped)),
      scrapeConfigs: [
        `  - job_name: kommitted\n    static_configs: [{ targets: ["${target(kmtd)}"] }]`,
        `  - job_name: kommitted-warming\n    static_configs: [{ targets: ["${target(warming)}"] }]`,
        // nothing listens there: its `up` is 0, for the down alert
        `  - job_name: kommitted-unreachable\n    static_configs: [{ targets: ["127.0.0.1:${await freePort()}"] }]`,
      ].join("\n"),
    });
    // Prometheus has the group's first lag; then the group falls further behind without committing
    await waitFor("the group's lag in Prometheus", async () => {
      const r = await prom.query(`kmtd_kafka_consumer_group_lag_offset{cluster_id="${CLUSTER}",group="${group}"}`);
      return r[0]?.value[1] === String(70 + 50) ? true : undefined;
    });
    const more = await producer(brokers);
    try {
      await more.send(topic, Array.from({ length: ADDED }, (_, i) => ({ partition: 0, timestamp: ts(0, 100 + i) })));
    } finally {
      await more.close();
    }
    await waitFor("the grown lag in Prometheus", async () => {
      const r = await prom.query(`kmtd_kafka_consumer_group_lag_offset{cluster_id="${CLUSTER}",group="${group}"}`);
      return r[0]?.value[1] === String(70 + ADDED + 50) ? true : undefined;
    });
    // rates need two samples in their window: wait for a few scrapes of every job
    await waitFor("a rate of kommitted's CPU", async () => ((await prom.query('rate(kmtd_process_cpu_seconds_total{job="kommitted"}[30s])')).length > 0 ? true : undefined));
  }, 180_000);

  afterAll(async () => {
    await prom?.stop();
    await warming?.stop();
    await kmtd?.stop();
  });

  it("promtool accepts the shipped rules and their test copy", () => {
    const result = promtoolCheckRules(RULES_FILE);
    expect(result.output).toContain("SUCCESS");
    expect(result.status).toBe(0);
    const copy = promtoolCheckRules(join(prom.dir, "rules.yaml"));
    expect(copy.status, copy.output).toBe(0);
  });

  it("runs every rule expression, as shipped and with the test thresholds, without error; the test copy's all return data", async () => {
    const rules = shipped.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert).sort()).toEqual([
      "KafkaConsumerGroupLagGrowingWithoutCommits",
      "KafkaConsumerGroupOffsetLagHigh",
      "KafkaConsumerGroupStalled",
      "KafkaConsumerGroupTimeLagCritical",
      "KafkaConsumerGroupTimeLagHigh",
      "KommittedDecodeErrors",
      "KommittedDown",
      "KommittedNotReady",
    ]);
    for (const rule of rules) await prom.query(rule.expr); // throws on a query error
    for (const rule of testRules(shipped).groups.flatMap((g) => g.rules)) {
      expect((await prom.query(rule.expr)).length, `${rule.alert}: ${rule.expr}`).toBeGreaterThan(0);
    }
  });

  it("fires the alerts: the stalled group, its lag growing without commits, lag and time lag thresholds, kommitted down and not ready", async () => {
    const firing = await waitFor("every alert firing", async () => {
      const res = (await (await fetch(`${prom.base}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string>; annotations: Record<string, string>; state: string }[] } };
      const alerts = res.data.alerts.filter((x) => x.state === "firing");
      const has = (name: string, labels: Record<string, string> = {}) => alerts.some((x) => x.labels.alertname === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
      const ok =
        has("KafkaConsumerGroupStalled", { group, cluster_id: CLUSTER }) &&
        has("KafkaConsumerGroupLagGrowingWithoutCommits", { group, cluster_id: CLUSTER }) &&
        has("KafkaConsumerGroupOffsetLagHigh", { group, cluster_id: CLUSTER }) &&
        has("KafkaConsumerGroupTimeLagHigh", { group }) &&
        has("KafkaConsumerGroupTimeLagCritical", { group }) &&
        has("KommittedDown", { job: "kommitted-unreachable" }) &&
        has("KommittedNotReady", { cluster_id: `${CLUSTER}-warming` }) &&
        has("KommittedDecodeErrors", { cluster_id: CLUSTER });
      return ok ? alerts : undefined;
    });
    const stalledAlert = firing.find((x) => x.labels.alertname === "KafkaConsumerGroupStalled" && x.labels.group === group);
    expect(stalledAlert?.annotations.summary).toBe(`Consumer group ${group} is STOP`);
    // the ready kommitted and the scraped ones are not reported down or not ready
    expect(firing.some((x) => x.labels.alertname === "KommittedNotReady" && x.labels.cluster_id === CLUSTER)).toBe(false);
    expect(firing.some((x) => x.labels.alertname === "KommittedDown" && x.labels.job !== "kommitted-unreachable")).toBe(false);
  });

  it("is an importable dashboard: a datasource input, panels with targets, the cluster, group and topic variables", () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: "DS_PROMETHEUS", pluginId: "prometheus" })]);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(41);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(["job", "cluster", "group", "topic"]);
    expect(dashboardTargets(dashboard.panels).length).toBeGreaterThan(15);
    // unique panel IDs, and no two panels overlap on Grafana's 24-column grid
    const panels = dashboard.panels as (Panel & { id: number; gridPos: { x: number; y: number; w: number; h: number } })[];
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const [i, p] of panels.entries()) {
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      for (const q of panels.slice(i + 1)) {
        const overlap = p.gridPos.x < q.gridPos.x + q.gridPos.w && q.gridPos.x < p.gridPos.x + p.gridPos.w && p.gridPos.y < q.gridPos.y + q.gridPos.h && q.gridPos.y < p.gridPos.y + p.gridPos.h;
        expect(overlap, `${p.title} overlaps ${q.title}`).toBe(false);
      }
    }
  });

  it("answers every variable query of the dashboard with the values a user would pick", async () => {
    const expected: Record<string, string> = { job: "kommitted", cluster: CLUSTER, group, topic };
    for (const variable of dashboard.templating.list) {
      const m = /^label_values\((.+), (\w+)\)$/.exec(variable.query.query);
      expect(m, variable.query.query).not.toBeNull();
      const [, selector, label] = m as unknown as [string, string, string];
      const values = (await prom.query(substitute(selector))).map((s) => s.metric[label]);
      expect(values, variable.name).toContain(expected[variable.name]);
    }
  });

  it("runs every panel expression of the dashboard and gets data", async () => {
    for (const t of dashboardTargets(dashboard.panels)) {
      const result = await prom.query(substitute(t.expr));
      expect(result.length, `${t.panel} (${t.refId}): ${t.expr}`).toBeGreaterThan(0);
    }
  });

  it("shows the known offset lag and time lag in the lag panels, per group and per partition", async () => {
    const targets = dashboardTargets(dashboard.panels);
    const panel = (title: string) => {
      const t = targets.find((x) => x.panel === title);
      if (t === undefined) throw new Error(`no panel "${title}"`);
      return prom.query(substitute(t.expr));
    };
    const byGroup = await panel("Offset lag per group");
    expect(byGroup.map((s) => [s.metric.group, Number(s.value[1])])).toEqual([[group, 70 + ADDED + 50]]);
    const byPartition = await panel("Offset lag per partition");
    expect(Object.fromEntries(byPartition.map((s) => [s.metric.partition, Number(s.value[1])]))).toEqual({ 0: 70 + ADDED, 1: 50 });

    // time lag (exact mode): now minus the timestamp we gave the record at the committed offset. The value Prometheus
    // holds is up to one scrape (1 s) plus one poll (0.5 s) old, and exact mode is within 1 s of the truth: 3 s bound.
    const tolerance = 3000;
    const [timeByGroup, timeByPartition] = [await panel("Time lag per group"), await panel("Time lag per partition")];
    const truth = (partition: number, at: number) => at * 1000 - ts(partition, committed[partition] as number);
    expect(timeByGroup).toHaveLength(1);
    const g = timeByGroup[0]!;
    expect(Math.abs(Number(g.value[1]) - Math.max(truth(0, g.value[0]), truth(1, g.value[0])))).toBeLessThanOrEqual(tolerance);
    expect(timeByPartition).toHaveLength(2);
    for (const s of timeByPartition) {
      expect(Math.abs(Number(s.value[1]) - truth(Number(s.metric.partition), s.value[0])), `partition ${s.metric.partition}`).toBeLessThanOrEqual(tolerance);
    }
    const status = await panel("Group status");
    expect(status.map((s) => Number(s.value[1]))).toEqual([4]); // STOP
  });
});
