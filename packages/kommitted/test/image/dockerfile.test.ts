/**
 * The kommitted target of docker/Dockerfile against kommitted itself: unprivileged numeric user, `kommitted` as the
 * entrypoint with no default arguments (settings come from KOMMITTED_* variables), the port and health check of
 * kommitted's own defaults and endpoints, OCI labels, and no build secret. (The shared stages are checked by
 * packages/ksunami/test/image/dockerfile.test.ts.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../../src/config.js";

const read = (path: string): string => readFileSync(new URL(`../../../../${path}`, import.meta.url), "utf8");
const dockerfile = read("docker/Dockerfile");
const target = dockerfile.slice(dockerfile.indexOf("FROM runtime AS kommitted"));
const server = read("packages/kommitted/src/http/server.ts");

describe("docker/Dockerfile, kommitted target", () => {
  test("is built from the shared runtime stage and collects kommitted in the shared build stage", () => {
    expect(target).toMatch(/^FROM runtime AS kommitted$/m);
    expect(dockerfile).toContain("node docker/collect-runtime.mjs packages/kommitted kommitted /out/kommitted/app /opt/kommitted /out/kommitted/bin/kommitted");
    expect(dockerfile).toMatch(/npm ci [^\n]*--workspace packages\/kommitted/);
  });

  test("runs kommitted as an unprivileged numeric user, with no CMD", () => {
    expect(target).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(target).toMatch(/^ENTRYPOINT \["kommitted"\]$/m);
    expect(target).not.toMatch(/^CMD /m);
  });

  test("exposes kommitted's default port and checks /healthz on it", () => {
    expect(target).toMatch(new RegExp(`^EXPOSE ${DEFAULTS.port}$`, "m"));
    const check = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(target);
    expect(check).not.toBeNull();
    const command = JSON.parse(check![1]!) as string[];
    expect(command[0]).toBe("node");
    expect(command.join(" ")).toContain(`process.env.KOMMITTED_PORT || ${DEFAULTS.port}`);
    expect(command.join(" ")).toContain("/healthz");
    expect(server).toContain('path === "/healthz"');
  });

  test("carries the OCI labels and no build secret", () => {
    // source, url, licenses and vendor come from the shared runtime stage (checked by ksunami's test); the rest is kommitted's, last
    for (const label of ["version", "description", "revision", "title"]) expect(target).toContain(`org.opencontainers.image.${label}=`);
    expect(target.lastIndexOf("LABEL ")).toBeGreaterThan(target.lastIndexOf("COPY "));
    expect(target).toContain('org.opencontainers.image.version="${KOMMITTED_VERSION}"');
    expect(target).not.toMatch(/host-ca|NODE_EXTRA_CA_CERTS|cafile/);
  });
});
