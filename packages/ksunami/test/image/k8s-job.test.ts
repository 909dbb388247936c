/**
 * The Kubernetes Job example (deploy/kubernetes/ksunami-job.yaml) against the image and the CLI it runs: valid YAML,
 * the image of this version, a `command` that drops the image's CMD, an unprivileged user matching the Dockerfile's,
 * and an environment that ksunami's own parser turns into the wave the comments describe. The Indexed Job variant
 * (deploy/kubernetes/ksunami-indexed-job.yaml): the same, and its pods' shards (from JOB_COMPLETION_INDEX) add up to the wave.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { ENVIRONMENT, buildProgram, parseCommandLine } from "../../src/command-line.js";
import type { RawOptions } from "../../src/options.js";
import { WavePlan } from "../../src/wave/plan.js";
import { Schedule } from "../../src/wave/schedule.js";

const read = (path: string): string => readFileSync(new URL(`../../../../${path}`, import.meta.url), "utf8");
const version = (JSON.parse(read("packages/ksunami/package.json")) as { version: string }).version;
const dockerfile = read("docker/Dockerfile");

/** The parts of a Job manifest this test reads. */
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string; image: string; command?: string[]; args?: string[]; env: EnvVar[];
  ports?: { name: string; containerPort: number }[];
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}
interface Job {
  apiVersion: string; kind: string; metadata: { name: string };
  spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: {
    restartPolicy: string; terminationGracePeriodSeconds: number;
    securityContext: { runAsNonRoot: boolean; runAsUser: number; runAsGroup: number };
    containers: Container[];
  } } };
}

const documents = parseAllDocuments(read("deploy/kubernetes/ksunami-job.yaml"));
const documentList = Array.isArray(documents) ? documents : [documents];
const job = documentList[0]?.toJS() as Job;
const pod = job.spec.template.spec;
const container = pod.containers[0]!;

describe("deploy/kubernetes/ksunami-job.yaml", () => {
  test("is one valid YAML document: a batch/v1 Job that never restarts", () => {
    expect(documentList).toHaveLength(1);
    expect(documentList[0]!.errors).toEqual([]);
    expect(documentList[0]!.warnings).toEqual([]);
    expect(job).toMatchObject({ apiVersion: "batch/v1", kind: "Job" });
    expect(pod.restartPolicy).toBe("Never");
    expect(pod.containers).toHaveLength(1);
  });

  test("runs this version's image, with `command` so that the image's CMD (--help) does not apply", () => {
    expect(container.image).toBe(`kafkesc/ksunami:${version}`);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["ksunami"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["--help"\]$/m);
    expect(container.command).toEqual(["ksunami"]);
    expect(container.args).toBeUndefined();
  });

  test("runs as the image's unprivileged user", () => {
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    expect(user).not.toBeNull();
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: Number(user![1]), runAsGroup: Number(user![2]) });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });

  test("every variable is a ksunami flag's, and no flag is given twice", () => {
    const flagOf = new Map<string, string>();
    const options = buildProgram().options;
    for (const [key, variable] of Object.entries(ENVIRONMENT) as [keyof RawOptions, string][]) {
      const option = options.find((o) => o.attributeName() === key);
      if (option?.long !== undefined) flagOf.set(variable, option.long);
    }
    const names = container.env.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(flagOf.has(name), `${name} is not the variable of a ksunami flag`).toBe(true);
    // The help text names each of these variables next to its flag.
    const help = buildProgram().helpInformation().replace(/\s+/g, " ");
    for (const name of names) expect(help).toContain(`env: ${name}`);
  });

  test("ksunami's parser turns its environment into the wave the comments describe", () => {
    const env: Record<string, string> = {};
    for (const variable of container.env) {
      if (variable.value !== undefined) env[variable.name] = variable.value;
      else if (variable.valueFrom?.fieldRef) env[variable.name] = "ksunami-wave-x7k2p"; // what Kubernetes puts there
      else expect(variable.valueFrom?.secretKeyRef?.optional, `${variable.name} needs a value or an optional source`).toBe(true);
    }
    const parsed = parseCommandLine([], env);
    expect(parsed.kind).toBe("options");
    if (parsed.kind !== "options") return;
    const o = parsed.options;
    expect(o).toMatchObject({
      mode: "run", brokers: "kafka-bootstrap.kafka.svc:9092", topics: [{ name: "ksunami-wave", weight: 1 }], clientId: "ksunami-wave-x7k2p",
      partitioner: "murmur2_random", durationSec: 1800, flushTimeoutSec: 30, metricsPort: 9400,
      key: { kind: "int", min: 1, max: 1000 }, payload: { kind: "alpha", length: 200 },
      headers: [["source", "ksunami"], ["environment", "staging"]],
    });
    expect(o.wave).toMatchObject({ min: 10, minSec: 60, max: 500, maxSec: 60, upSec: 20, downSec: 20 });
    expect(o.wave.up).toMatchObject({ name: "ease-in" });
    expect(o.wave.down).toMatchObject({ name: "ease-out" });

    // Kubernetes waits terminationGracePeriodSeconds after SIGTERM: longer than ksunami's flush.
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(o.flushTimeoutSec);
    // The metrics port is the container's.
    expect(container.ports).toContainEqual({ name: "metrics", containerPort: o.metricsPort });
  });
});

describe("deploy/kubernetes/ksunami-indexed-job.yaml", () => {
  const docs = parseAllDocuments(read("deploy/kubernetes/ksunami-indexed-job.yaml"));
  const list = Array.isArray(docs) ? docs : [docs];
  const indexed = list[0]?.toJS() as Job;
  const c = indexed.spec.template.spec.containers[0]!;
  /** The pod's environment as Kubernetes fills it for the pod of `index`. */
  const envOf = (index: number): Record<string, string> => {
    const env: Record<string, string> = { JOB_COMPLETION_INDEX: String(index) };
    for (const v of c.env) {
      if (v.value !== undefined) env[v.name] = v.value;
      else if (v.valueFrom?.fieldRef) env[v.name] = `ksunami-wave-sharded-${index}-x7k2p`;
    }
    return env;
  };

  test("one valid Indexed Job, with as many pods at once as shards, running the same image and user as the plain Job", () => {
    expect(list).toHaveLength(1);
    expect(list[0]!.errors).toEqual([]);
    expect(indexed).toMatchObject({ apiVersion: "batch/v1", kind: "Job", spec: { completionMode: "Indexed" } });
    const shards = Number(c.env.find((e) => e.name === "KSUNAMI_SHARDS")?.value);
    expect(shards).toBeGreaterThan(1);
    expect(indexed.spec.completions).toBe(shards);
    expect(indexed.spec.parallelism).toBe(shards);
    expect(c.image).toBe(container.image);
    expect(c.command).toEqual(["ksunami"]);
    expect(indexed.spec.template.spec.securityContext).toEqual(pod.securityContext);
    const variables = new Set(Object.values(ENVIRONMENT));
    for (const v of c.env) expect(variables.has(v.name), `${v.name} is not the variable of a ksunami flag`).toBe(true);
    expect(c.env.some((v) => v.name === "KSUNAMI_SHARD_INDEX")).toBe(false); // from JOB_COMPLETION_INDEX
  });

  test("each pod takes its shard from JOB_COMPLETION_INDEX, and the shards' records add up to the whole wave", () => {
    const shards = indexed.spec.completions!;
    const pods = Array.from({ length: shards }, (_, index) => {
      const parsed = parseCommandLine([], envOf(index));
      if (parsed.kind !== "options") throw new Error("expected options");
      return parsed.options;
    });
    expect(pods.map((o) => o.shard)).toEqual(Array.from({ length: shards }, (_, index) => ({ count: shards, index })));
    const o = pods[0]!;
    expect(o.wave).toMatchObject({ min: 30, max: 3000, minSec: 60, maxSec: 60, upSec: 20, downSec: 20 });
    // Over one whole cycle from the Unix epoch's cycle boundaries, the pods together send exactly the wave's records.
    const plan = new WavePlan(o.wave);
    const from = Math.ceil(1_700_000_000 / plan.period) * plan.period;
    const sum = pods.reduce((total, p) => total + new Schedule(plan, from, p.shard).dueCount(plan.period), 0);
    expect(sum).toBe(Math.floor(plan.areaAt(from + plan.period) + 1e-9) - Math.floor(plan.areaAt(from) + 1e-9));
    expect(Math.abs(sum - plan.areaPerCycle)).toBeLessThanOrEqual(1);
  });
});
