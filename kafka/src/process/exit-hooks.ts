/**
 * No JVM outlives the Node process that started it. Two layers:
 * - `exit`, `SIGINT`, `SIGTERM` and `SIGHUP` handlers SIGKILL every tracked JVM and remove tracked data directories;
 * - a watchdog shell per JVM (`read; kill -9 <pid>; rm -rf <data dir>`) whose standard input is a pipe from this
 *   process: when this process dies in any way, even by SIGKILL, the pipe closes, `read` returns, the JVM is killed
 *   and the cluster's data removed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { Socket } from "node:net";

const trackedProcesses = new Map<number, ChildProcess | undefined>();
const trackedDirs = new Set<string>();
let installed = false;

/**
 * Kills `pid` when this process exits, then (watchdog only) removes `dir`; returns the function that forgets it
 * (call it once the JVM is gone).
 */
export function killOnExit(pid: number, dir: string): () => void {
  install();
  const script = `read _ignored; kill -9 ${pid} 2>/dev/null; sleep 1; rm -rf -- "$1"`;
  const watchdog = spawn("sh", ["-c", script, "kafkesc-watchdog", dir], { stdio: ["pipe", "ignore", "ignore"] });
  watchdog.on("error", () => {
    // no `sh`: the exit handlers remain
  });
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();
  trackedProcesses.set(pid, watchdog);
  return () => {
    trackedProcesses.delete(pid);
    watchdog.kill("SIGKILL");
  };
}

/** Removes `dir` when this process exits; returns the function that forgets it. */
export function removeOnExit(dir: string): () => void {
  install();
  trackedDirs.add(dir);
  return () => trackedDirs.delete(dir);
}

function killEverything(): void {
  for (const [pid, watchdog] of trackedProcesses) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
    watchdog?.kill("SIGKILL");
  }
  trackedProcesses.clear();
  for (const dir of trackedDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  trackedDirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killEverything);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      killEverything();
      // Alone on this signal, the default action (exit) must still happen; otherwise the other handlers decide.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
