// Collects what one workspace needs at run time, and nothing else, into a folder that the image's runtime
// stage copies as is: the workspace's package.json and dist/, the same for each workspace package it
// depends on, and its production dependencies as npm resolved them (`npm ls --omit=dev --all`), at the same
// relative paths, so Node resolves them exactly as in the build. Native addons keep their built binaries and
// shared libraries, not their sources and object files. Then it writes the command's launcher.
//
// Usage (in the build stage, from the workspace root):
//   node docker/collect-runtime.mjs WORKSPACE BIN OUT_DIR INSTALL_DIR LAUNCHER
//   e.g. node docker/collect-runtime.mjs packages/ksunami ksunami /out/app /opt/ksunami /out/bin/ksunami
// collects into OUT_DIR, which the runtime stage copies to INSTALL_DIR, and writes LAUNCHER, a script that runs
// the workspace's bin BIN from INSTALL_DIR.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const [workspace, binName, outDir, installDir, launcher] = process.argv.slice(2);
if (!workspace || !binName || !outDir || !installDir || !launcher) {
  console.error("usage: collect-runtime.mjs WORKSPACE BIN OUT_DIR INSTALL_DIR LAUNCHER");
  process.exit(2);
}
const root = process.cwd();
/** What a workspace package ships at run time (the rest, sources and tests, stays in the build stage). */
const WORKSPACE_FILES = ["package.json", "bin", "dist", "README.md", "LICENSE"];
/**
 * Build leftovers of native addons: their sources and object files, hundreds of MB that nothing loads.
 * @confluentinc/kafka-javascript loads build/Release/*.node, which finds librdkafka through its rpath
 * ($ORIGIN/../deps, i.e. build/deps/librdkafka*.so.1).
 */
const PRUNE = {
  "@confluentinc/kafka-javascript": ["deps", "src", "build/Release/obj.target", "build/Release/.deps", "build/deps/include",
    "build/deps/pkgconfig", "build/deps/librdkafka", "build/deps/librdkafka.a", "build/deps/librdkafka++.a",
    "build/deps/librdkafka-static.a", "build/Makefile", "build/config.gypi"],
};

const listed = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable", "--workspace", workspace], {
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
})
  .split("\n")
  .filter((line) => line.length > 0 && resolve(line) !== root);

const entry = resolve(root, workspace);
const packages = new Set([entry, ...listed.map((p) => resolve(p))]);
let copied = 0;
for (const path of packages) {
  const rel = relative(root, path);
  if (rel.startsWith("..")) throw new Error(`dependency outside the workspace root: ${path}`);
  const target = join(outDir, rel);
  if (lstatSync(path).isSymbolicLink()) {
    // A workspace package linked into node_modules: keep the link, and ship the package it points to.
    const linkTarget = readlinkSync(path);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(linkTarget, target);
    packages.add(resolve(dirname(path), linkTarget));
    continue;
  }
  const isWorkspace = !rel.split(sep).includes("node_modules");
  if (isWorkspace) {
    for (const file of WORKSPACE_FILES) {
      if (existsSync(join(path, file))) cpSync(join(path, file), join(target, file), { recursive: true });
    }
  } else {
    // Nested node_modules are listed (and copied) as packages of their own when they are production ones.
    cpSync(path, target, { recursive: true, filter: (src) => relative(path, src).split(sep)[0] !== "node_modules" });
    const name = JSON.parse(readFileSync(join(path, "package.json"), "utf8")).name;
    for (const leftover of PRUNE[name] ?? []) rmSync(join(target, leftover), { recursive: true, force: true });
  }
  copied++;
}

// The launcher: the package's own bin entry, run by the image's node.
const manifest = JSON.parse(readFileSync(join(entry, "package.json"), "utf8"));
const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[binName];
if (!bin) throw new Error(`${workspace}/package.json has no bin entry "${binName}"`);
if (!existsSync(join(outDir, relative(root, entry), bin))) throw new Error(`${workspace}: ${bin} was not built`);
const installed = join(installDir, relative(root, entry), bin);
mkdirSync(dirname(launcher), { recursive: true });
writeFileSync(launcher, `#!/bin/sh\nexec node ${installed} "$@"\n`);
chmodSync(launcher, 0o755);
console.log(`collect-runtime: ${copied} packages for ${workspace} in ${outDir}, launcher ${launcher} -> ${installed}`);
