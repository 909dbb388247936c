/**
 * docker/Dockerfile against the workspace it builds: every npm workspace's manifest is copied before `npm ci` (a
 * missing one breaks the install), the base is a supported Node LTS on bookworm, and the runtime stage is what
 * the issue asks (non-root user, entrypoint, default command, OCI labels).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

const read = (path: string): string => readFileSync(new URL(`../../../../${path}`, import.meta.url), "utf8");
const dockerfile = read("docker/Dockerfile");
const workspaces = (JSON.parse(read("package.json")) as { workspaces: string[] }).workspaces;
/** The runtime stage both tools' targets build on. */
const shared = dockerfile.slice(dockerfile.indexOf("FROM ${BASE_IMAGE} AS runtime"), dockerfile.indexOf("FROM runtime AS ksunami"));
/** The ksunami target (the kommitted target follows it; packages/kommitted/test/image checks that one). */
const runtime = dockerfile.slice(dockerfile.indexOf("FROM runtime AS ksunami"), dockerfile.indexOf("FROM runtime AS kommitted"));

describe("docker/Dockerfile", () => {
  test("copies the manifest of every workspace before npm ci", () => {
    const copied = [...dockerfile.matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map((m) => m[1]);
    expect(copied.sort()).toEqual([...workspaces].sort());
    expect(dockerfile.indexOf("&& npm ci ")).toBeGreaterThan(dockerfile.lastIndexOf("/package.json "));
  });

  test("builds the native Kafka client of the version the lockfile pins", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { version?: string }> };
    const locked = lock.packages["node_modules/@confluentinc/kafka-javascript"]?.version;
    expect(dockerfile).toMatch(new RegExp(`^ARG CKJS_VERSION=${locked?.replaceAll(".", "\\.")}$`, "m"));
  });

  test("builds on a Node LTS that is not past its end of life, by default the public node image", () => {
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=node:(22|24)-bookworm-slim$/m);
    // one build stage and one runtime base, shared by each tool's target
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(["FROM ${BASE_IMAGE} AS build", "FROM ${BASE_IMAGE} AS runtime", "FROM runtime AS ksunami", "FROM runtime AS kommitted"]);
  });

  test("the ksunami target: unprivileged user, ksunami as entrypoint, --help by default, OCI labels", () => {
    expect(runtime).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["ksunami"\]$/m);
    expect(runtime).toMatch(/^CMD \["--help"\]$/m);
    // the labels of every tool once in the shared stage; the tool's own last in its target (a new commit changes no layer)
    for (const label of ["source", "url", "licenses", "vendor"]) expect(shared).toContain(`org.opencontainers.image.${label}=`);
    for (const label of ["version", "description", "revision", "title"]) expect(runtime).toContain(`org.opencontainers.image.${label}=`);
    expect(runtime.lastIndexOf("LABEL ")).toBeGreaterThan(runtime.lastIndexOf("COPY "));
    // The build secret (a CA bundle) is used in the build stage only, and never copied.
    for (const stage of [shared, runtime]) {
      expect(stage).not.toContain("host-ca");
      expect(stage).not.toMatch(/NODE_EXTRA_CA_CERTS|cafile/);
    }
  });
});
