/**
 * Runs the tools' container images for their image tests (ksunami's and kommitted's), through `docker/engine.sh`
 * (docker when a daemon answers, podman otherwise, with the settings CI machines need), as `docker/build-image.sh`
 * built them. Host networking, so that a container reaches the harness's broker on the loopback address it advertises.
 * Each package's tests bind these helpers to its image with {@link containerImage}.
 */
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** The engine wrapper shared with the build script. */
const ENGINE = `${root}docker/engine.sh`;

/** A tool that has an image (a target of docker/Dockerfile, and a package under packages/). */
export type Tool = "ksunami" | "kommitted";

/** The tool's version, as its package.json gives it (and as the image is tagged). */
export function toolVersion(tool: Tool): string {
  return (JSON.parse(readFileSync(`${root}packages/${tool}/package.json`, "utf8")) as { version: string }).version;
}

/** The image under test: `$KAFKESC_IMAGE_NAMESPACE/<tool>:<version>`, by default `kafkesc/<tool>:<version>`. */
export function imageName(tool: Tool): string {
  return `${process.env.KAFKESC_IMAGE_NAMESPACE ?? "kafkesc"}/${tool}:${toolVersion(tool)}`;
}

/** What one engine command did. */
export interface EngineResult {
  /** Exit code (null when killed by a signal). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `engine.sh ARGS` to its end (no shell: arguments go as they are). */
export function engine(args: readonly string[], timeoutMs = 60_000): Promise<EngineResult> {
  return new Promise((resolve) => {
    execFile("bash", [ENGINE, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}

/** Whether the image tests can run here, and if not, why (for the skip message). */
export type ImageAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** Checks `KAFKESC_SKIP_image`, the engine and the image. Never builds it: `.ci/run` does, before the tests. */
async function availabilityOf(image: string): Promise<ImageAvailability> {
  if (process.env.KAFKESC_SKIP_image === "1") return { available: false, reason: "KAFKESC_SKIP_image=1" };
  const which = await engine(["--which"]);
  if (which.exitCode !== 0) return { available: false, reason: `no container engine (${which.stderr.trim()})` };
  const inspect = await engine(["image", "inspect", image]);
  if (inspect.exitCode !== 0) {
    return { available: false, reason: `${image} is not built (run: bash docker/build-image.sh)` };
  }
  return { available: true };
}

/** The image's configuration, as `image inspect` gives it. */
export interface ImageConfig {
  readonly user: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** Size in bytes. */
  readonly size: number;
  /** The health check's command (`["CMD", ...]`), empty without one. */
  readonly healthcheck: readonly string[];
  /** Ports the image exposes (`6564/tcp`...). */
  readonly exposedPorts: readonly string[];
}

/** Reads the image's configuration. */
async function inspectOf(image: string): Promise<ImageConfig> {
  const format = "{{json .Config.User}}\n{{json .Config.Entrypoint}}\n{{json .Config.Cmd}}\n{{json .Config.Labels}}\n{{.Size}}\n{{json .Config.ExposedPorts}}";
  const result = await engine(["image", "inspect", "--format", format, image]);
  if (result.exitCode !== 0) throw new Error(`image inspect ${image} failed: ${result.stderr}`);
  const [user, entrypoint, cmd, labels, size, ports] = result.stdout.trim().split("\n");
  // docker keeps the health check in the image config, podman beside it
  let healthcheck = await engine(["image", "inspect", "--format", "{{json .Config.Healthcheck}}", image]);
  if (healthcheck.exitCode !== 0) healthcheck = await engine(["image", "inspect", "--format", "{{json .HealthCheck}}", image]);
  return {
    user: JSON.parse(user ?? '""') as string,
    entrypoint: (JSON.parse(entrypoint ?? "null") as string[] | null) ?? [],
    cmd: (JSON.parse(cmd ?? "null") as string[] | null) ?? [],
    labels: (JSON.parse(labels ?? "null") as Record<string, string> | null) ?? {},
    size: Number(size),
    healthcheck: healthcheck.exitCode === 0 ? ((JSON.parse(healthcheck.stdout.trim() || "null") as { Test?: string[] } | null)?.Test ?? []) : [],
    exposedPorts: Object.keys((JSON.parse(ports ?? "null") as Record<string, unknown> | null) ?? {}),
  };
}

/** How to run one container. */
export interface RunOptions {
  /** Arguments after the image (they replace the image's CMD). */
  readonly args?: readonly string[];
  /** Environment variables of the container (values may span lines). */
  readonly env?: Readonly<Record<string, string>>;
  /** Replaces the image's ENTRYPOINT (and so drops its CMD), as a Kubernetes `command` does. */
  readonly entrypoint?: string;
  /** The container's name (unique per test): needed to signal it. */
  readonly name?: string;
  /** A read-only root filesystem, as the Kubernetes Job example's `readOnlyRootFilesystem`. */
  readonly readOnly?: boolean;
  /** Bind mounts, `HOST_PATH:CONTAINER_PATH[:ro]` (as Kubernetes mounts a Secret's file). */
  readonly volumes?: readonly string[];
}

/** A container started in the background. */
export interface RunningContainer {
  /** Name given to the engine. */
  readonly name: string;
  /** When `engine run` was spawned (epoch ms). */
  readonly startedAt: number;
  /** What the container printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the container's output matches `pattern`, rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Sends a signal to the container's main process, as `docker stop` or Kubernetes do. */
  signal(signal: "SIGTERM" | "SIGINT" | "SIGKILL"): Promise<void>;
  /** Runs a command inside the running container. */
  exec(command: readonly string[]): Promise<EngineResult>;
  /** Resolves when `engine run` returns, with the container's exit code and output. */
  readonly exited: Promise<EngineResult & { readonly exitedAt: number }>;
}

let counter = 0;

/** Starts `engine run --rm --network=host` in the background. */
function startOf(image: string, options: RunOptions = {}): RunningContainer {
  const name = options.name ?? `${image.replace(/^.*\//, "").replace(/:.*$/, "")}-image-test-${process.pid}-${++counter}`;
  const args = ["run", "--rm", "--network=host", "--name", name];
  for (const [key, value] of Object.entries(options.env ?? {})) args.push("--env", `${key}=${value}`);
  if (options.entrypoint !== undefined) args.push("--entrypoint", options.entrypoint);
  if (options.readOnly === true) args.push("--read-only");
  for (const volume of options.volumes ?? []) args.push("--volume", volume);
  args.push(image, ...(options.args ?? []));

  const startedAt = Date.now();
  const child = spawn("bash", [ENGINE, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => ((stdout += chunk), changed()));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => ((stderr += chunk), changed()));
  const exited = new Promise<EngineResult & { exitedAt: number }>((resolve) => {
    child.on("close", (code) => resolve({ exitCode: code, stdout, stderr, exitedAt: Date.now() }));
  });

  return {
    name,
    startedAt,
    output: () => ({ stdout, stderr }),
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(stdout + stderr)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no output matching ${pattern} after ${timeoutMs} ms; stdout: ${stdout}\nstderr: ${stderr}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          if (!listeners.has(check)) return;
          cleanup();
          if (pattern.test(stdout + stderr)) resolve();
          else reject(new Error(`the container exited without output matching ${pattern}; stdout: ${stdout}\nstderr: ${stderr}`));
        });
        check();
      });
    },
    async signal(signal) {
      const result = await engine(["kill", "--signal", signal.replace(/^SIG/, ""), name]);
      if (result.exitCode !== 0) throw new Error(`kill --signal ${signal} ${name} failed: ${result.stderr}`);
    },
    exec: (command) => engine(["exec", name, ...command]),
    exited,
  };
}

/** Runs a container to its end. */
async function runOf(image: string, options: RunOptions = {}, timeoutMs = 60_000): Promise<EngineResult> {
  const container = startOf(image, options);
  const timer = setTimeout(() => void engine(["kill", "--signal", "KILL", container.name]), timeoutMs);
  try {
    return await container.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Force-removes a container left running by a failed test (no error when it is already gone). */
export async function removeContainer(name: string): Promise<void> {
  await engine(["rm", "--force", name]);
}

/** The helpers bound to one tool's image. */
export interface ContainerImage {
  /** `namespace/tool:version`. */
  readonly image: string;
  /** The tool's version. */
  readonly version: string;
  /** Whether the image tests can run, and if not, why. */
  availability(): Promise<ImageAvailability>;
  /** The image's configuration. */
  inspect(): Promise<ImageConfig>;
  /** Starts a container in the background. */
  start(options?: RunOptions): RunningContainer;
  /** Runs a container to its end. */
  run(options?: RunOptions, timeoutMs?: number): Promise<EngineResult>;
}

/** The helpers for `tool`'s image. */
export function containerImage(tool: Tool): ContainerImage {
  const image = imageName(tool);
  return {
    image,
    version: toolVersion(tool),
    availability: () => availabilityOf(image),
    inspect: () => inspectOf(image),
    start: (options) => startOf(image, options),
    run: (options, timeoutMs) => runOf(image, options, timeoutMs),
  };
}
