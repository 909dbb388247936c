/**
 * deploy/kubernetes/kommitted.yaml against kommitted itself: valid YAML with the four objects it promises, this
 * version's image run as the image's user with a restricted securityContext, every variable a kommitted flag's (read
 * from kommitted's own --help), an environment that kommitted's parser accepts and turns into the port the probes,
 * the Service, the annotations and the ServiceMonitor use, probes on routes the HTTP server really serves, and the
 * client settings file mounted from the Secret where KOMMITTED_CONFIG_FILE points.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { createMetrics } from "../../src/http/metrics.js";
import type { HttpServer } from "../../src/http/server.js";
import { startHttpServer } from "../../src/http/server.js";
import type { MonitorView } from "../../src/monitor.js";
import { parseArgs } from "../../src/options.js";
import { GroupRegistry } from "../../src/state/groups.js";
import { PartitionOffsetsStore } from "../../src/state/partition-offsets.js";

const read = (path: string): string => readFileSync(new URL(`../../../../${path}`, import.meta.url), "utf8");
const version = (JSON.parse(read("packages/kommitted/package.json")) as { version: string }).version;
const dockerfile = read("docker/Dockerfile");
const kommittedTarget = dockerfile.slice(dockerfile.indexOf("FROM runtime AS kommitted"));

/** The parts of the manifests this test reads. */
interface EnvVar { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }
interface Probe { httpGet: { path: string; port: string | number } }
interface Container {
  name: string; image: string; command?: string[]; args?: string[]; env: EnvVar[];
  ports: { name: string; containerPort: number }[];
  readinessProbe: Probe; livenessProbe: Probe;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] }; seccompProfile?: { type: string } };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Manifest { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: unknown }
interface Deployment extends Manifest {
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: {
    automountServiceAccountToken?: boolean;
    securityContext: { runAsNonRoot: boolean; runAsUser: number; runAsGroup: number; seccompProfile: { type: string } };
    containers: Container[];
    volumes: { name: string; secret: { secretName: string; items: { key: string; path: string }[] } }[];
  } } };
}
interface Service extends Manifest { spec: { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string | number }[] } }
interface ServiceMonitor extends Manifest { spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] } }
interface Secret extends Manifest { stringData: Record<string, string> }

const documents = parseAllDocuments(read("deploy/kubernetes/kommitted.yaml"));
const documentList = Array.isArray(documents) ? documents : [documents];
const objects = documentList.map((d) => d.toJS() as Manifest);
const find = <T extends Manifest>(kind: string): T => objects.find((o) => o.kind === kind) as T;
const deployment = find<Deployment>("Deployment");
const service = find<Service>("Service");
const serviceMonitor = find<ServiceMonitor>("ServiceMonitor");
const secret = find<Secret>("Secret");
const pod = deployment.spec.template.spec;
const container = pod.containers[0]!;

/** Every environment variable of a kommitted flag, from kommitted's own help. */
const help = (() => {
  const outcome = parseArgs(["--help"]);
  if (outcome.kind !== "exit") throw new Error("--help did not print the help");
  return outcome.output.replace(/\s+/g, " ");
})();
const flagVariables = new Set([...help.matchAll(/(?:\(|, )env: (KOMMITTED_[A-Z_]+)\)/g)].map((m) => m[1]!));
/** `--config-file` comes with the shared client settings (kafka-io); until it is in this tree, its variable is checked when it is. */
const hasConfigFile = flagVariables.has("KOMMITTED_CONFIG_FILE");

describe("deploy/kubernetes/kommitted.yaml", () => {
  test("is valid YAML: a Secret, a Deployment, a Service and a ServiceMonitor", () => {
    for (const d of documentList) {
      expect(d.errors).toEqual([]);
      expect(d.warnings).toEqual([]);
    }
    expect(objects.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual(["v1 Secret", "apps/v1 Deployment", "v1 Service", "monitoring.coreos.com/v1 ServiceMonitor"]);
    expect(pod.containers).toHaveLength(1);
  });

  test("runs this version's image with its entrypoint, as the image's user, under a restricted securityContext", () => {
    expect(container.image).toBe(`kafkesc/kommitted:${version}`);
    expect(kommittedTarget).toMatch(/^ENTRYPOINT \["kommitted"\]$/m);
    expect(container.command).toBeUndefined();
    expect(container.args).toBeUndefined();
    const user = /^USER (\d+):(\d+)$/m.exec(kommittedTarget);
    expect(user).not.toBeNull();
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: Number(user![1]), runAsGroup: Number(user![2]), seccompProfile: { type: "RuntimeDefault" } });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
  });

  test("every variable is a kommitted flag's, and none is given twice", () => {
    expect(flagVariables.has("KOMMITTED_BROKERS")).toBe(true); // the help lists the variables at all
    const names = container.env.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      if (name === "KOMMITTED_CONFIG_FILE" && !hasConfigFile) continue; // checked by the next test once the flag exists
      expect(flagVariables.has(name), `${name} is not the variable of a kommitted flag`).toBe(true);
    }
  });

  // said out loud while this tree's kommitted lacks --config-file: its variable and the Secret's settings go unchecked
  if (!hasConfigFile) test.skip("KOMMITTED_CONFIG_FILE and the Secret's settings, once kommitted has --config-file (shared client settings)", () => {});

  test("the client settings file is the Secret's, mounted read-only where KOMMITTED_CONFIG_FILE points", () => {
    const file = container.env.find((e) => e.name === "KOMMITTED_CONFIG_FILE")?.value ?? "";
    const mount = container.volumeMounts.find((m) => file.startsWith(`${m.mountPath}/`));
    expect(mount?.readOnly).toBe(true);
    const volume = pod.volumes.find((v) => v.name === mount?.name);
    expect(volume?.secret.secretName).toBe(secret.metadata.name);
    const item = volume?.secret.items.find((i) => `${mount?.mountPath}/${i.path}` === file);
    expect(item).toBeDefined();
    expect(secret.stringData[item!.key]).toMatch(/^security\.protocol=/m);
  });

  describe("kommitted's parser and HTTP server agree with the probes, ports and scrape settings", () => {
    let dir: string;
    let server: HttpServer;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "kommitted-k8s-"));
      const monitor: MonitorView = {
        config: { clusterId: "k8s-test" },
        registry: new GroupRegistry(),
        store: new PartitionOffsetsStore(10),
        snapshot: undefined,
        polled: undefined,
        readAt: 0,
        lastPoll: undefined,
        reader: { stats: { records: 0, decodeErrors: 0 } },
        shareStateReader: { stats: { records: 0, decodeErrors: 0 } },
        readiness: () => ({ ready: false, waitingFor: ["offsets topic replay"], replayPendingPartitions: [0], shareStateReplayPendingPartitions: [], polls: { done: 0, needed: 1 } }),
        liveness: () => ({ live: true, reason: null }),
      };
      server = await startHttpServer(monitor, createMetrics(monitor), "127.0.0.1", 0);
    });
    afterAll(async () => {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** kommitted's config from the container's environment, as the pod would start it. */
    function podConfig() {
      const saved = { ...process.env };
      try {
        for (const name of Object.keys(process.env)) if (name.startsWith("KOMMITTED_")) delete process.env[name];
        for (const variable of container.env) {
          let value = variable.value;
          if (variable.valueFrom?.fieldRef?.fieldPath === "metadata.name") value = "kommitted-7d9f8c6b5-x2x9q"; // what Kubernetes puts there
          if (variable.name === "KOMMITTED_CONFIG_FILE") {
            if (!hasConfigFile) continue;
            // the Secret's file, where the test can read it: the settings must parse
            value = join(dir, "client.properties");
            writeFileSync(value, Object.values(secret.stringData)[0] ?? "");
          }
          expect(value, `${variable.name} needs a value`).toBeDefined();
          process.env[variable.name] = value;
        }
        const outcome = parseArgs([]);
        if (outcome.kind !== "run") throw new Error("the pod's environment did not give a config");
        return outcome.config;
      } finally {
        for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
        Object.assign(process.env, saved);
      }
    }

    test("the environment parses into the broker, cluster ID, port and filters the comments describe", () => {
      const config = podConfig();
      expect(config).toMatchObject({ brokers: "kafka-bootstrap.kafka.svc:9093", clusterId: "production", clientId: "kommitted-7d9f8c6b5-x2x9q", port: 6564, lagMode: "auto" });
      expect(config.groupsExclude.map(String)).toEqual(["/^(?:console-consumer-.*)$/"]);
    });

    test("probes, Service, annotations and ServiceMonitor all reach kommitted's port and real routes", async () => {
      const port = podConfig().port;
      const named = container.ports.find((p) => p.name === container.readinessProbe.httpGet.port);
      expect(named?.containerPort).toBe(port);
      expect(container.livenessProbe.httpGet.port).toBe(named?.name);
      expect(container.readinessProbe.httpGet.path).toBe("/readyz");
      expect(container.livenessProbe.httpGet.path).toBe("/healthz");
      // the routes exist: live answers 200, not ready answers 503 (never 404)
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}${container.livenessProbe.httpGet.path}`)).status).toBe(200);
      expect((await fetch(`${base}${container.readinessProbe.httpGet.path}`)).status).toBe(503);
      expect((await fetch(`${base}/metrics`)).status).toBe(200);

      for (const annotations of [deployment.spec.template.metadata.annotations, service.metadata.annotations ?? {}]) {
        expect(annotations).toMatchObject({ "prometheus.io/scrape": "true", "prometheus.io/port": String(port), "prometheus.io/path": "/metrics" });
      }
      expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(service.spec.ports).toEqual([{ name: "http", port, targetPort: named?.name }]);
      expect(service.metadata.labels).toMatchObject(serviceMonitor.spec.selector.matchLabels);
      expect(serviceMonitor.spec.endpoints.map((e) => [e.port, e.path])).toEqual([["http", "/metrics"]]);
    });
  });
});
