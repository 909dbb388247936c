// Packs every public workspace package into one folder, as `npm publish` would ship it, after checking that each
// one can be published: its manifest names the repository, homepage, issue tracker, keywords, engines, author and
// licence, it carries the LICENSE file, and its dist/ holds no output of a source that is gone.
// The list comes from the root package.json's workspaces (via `npm query`), never from a hand-kept list, so a new
// public package is packed as soon as it is a workspace; private ones are skipped.
//
// Usage: node scripts/pack.mjs [--out DIR] [--check] [--json]
//   --out DIR  where the tarballs go (default: packs/ at the root; emptied of old .tgz first)
//   --check    check the packages only, pack nothing
//   --json     print [{name, version, location, tarball, size, unpackedSize, entryCount}] instead of a table
// `npm run pack` builds first, then runs this. Exit code 2 when a package is not fit to publish.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const outIndex = args.indexOf("--out");
const outDir = resolve(outIndex >= 0 ? args[outIndex + 1] ?? "" : join(root, "packs"));

/** The public workspace packages, in the root manifest's order: {name, version, location (relative), manifest}. */
function publicWorkspaces() {
  const nodes = JSON.parse(execFileSync("npm", ["query", ".workspace", "--json"], { cwd: root, encoding: "utf8" }));
  return nodes
    .map((node) => {
      const location = relative(root, resolve(root, node.location ?? node.path));
      const manifest = JSON.parse(readFileSync(join(root, location, "package.json"), "utf8"));
      return { name: manifest.name, version: manifest.version, location, manifest };
    })
    .filter((w) => w.manifest.private !== true);
}

/** What is wrong with one public package for publishing (empty when nothing is). */
function problemsOf({ location, manifest }) {
  const problems = [];
  const dir = join(root, location);
  for (const field of ["description", "homepage", "author", "license", "keywords", "engines", "bugs", "repository", "files"]) {
    if (manifest[field] === undefined || (Array.isArray(manifest[field]) && manifest[field].length === 0)) problems.push(`no "${field}"`);
  }
  if (manifest.repository && manifest.repository.directory !== location) {
    problems.push(`repository.directory is ${JSON.stringify(manifest.repository.directory)}, not "${location}"`);
  }
  if (manifest.engines && !manifest.engines.node) problems.push('no "engines.node"');
  if (!existsSync(join(dir, "LICENSE"))) problems.push("no LICENSE file (copy the root LICENSE)");
  else if (readFileSync(join(dir, "LICENSE"), "utf8") !== readFileSync(join(root, "LICENSE"), "utf8")) problems.push("LICENSE differs from the root LICENSE");
  for (const wanted of ["dist", "README.md", "LICENSE"]) {
    if (!manifest.files?.includes(wanted)) problems.push(`"files" does not list ${wanted}`);
  }
  for (const bin of Object.values(typeof manifest.bin === "string" ? { _: manifest.bin } : manifest.bin ?? {})) {
    if (!existsSync(join(dir, bin))) problems.push(`bin ${bin} does not exist (it must be a committed file, not a build output)`);
  }
  // Stale build output: a dist/ JavaScript file whose TypeScript source was removed would still be shipped.
  const dist = join(dir, "dist");
  if (existsSync(dist)) {
    for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".js")) continue;
      const stem = file.replace(/\.js$/, "");
      // src/x.ts, or src/x.js (allowJs), or scripts/x.ts for dist/scripts/x.js
      const sources = [join(dir, "src", `${stem}.ts`), join(dir, "src", `${stem}.js`), join(dir, `${stem}.ts`)];
      if (!sources.some((source) => existsSync(source))) problems.push(`dist/${file} has no source (stale build output: delete dist/ and build)`);
    }
  } else {
    problems.push("no dist/ (run `npm run build` first)");
  }
  return problems;
}

const workspaces = publicWorkspaces();
let unfit = false;
for (const w of workspaces) {
  for (const problem of problemsOf(w)) {
    unfit = true;
    process.stderr.write(`pack: ${w.name} (${w.location}): ${problem}\n`);
  }
}
if (unfit) process.exit(2);
if (flag("--check")) {
  process.stdout.write(`pack: ${workspaces.length} public packages fit to publish: ${workspaces.map((w) => w.name).join(", ")}\n`);
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
for (const old of readdirSync(outDir)) if (old.endsWith(".tgz")) rmSync(join(outDir, old));
const packed = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--pack-destination", outDir, ...workspaces.flatMap((w) => ["--workspace", w.location])], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }),
);
const results = packed.map((p) => ({
  name: p.name,
  version: p.version,
  location: workspaces.find((w) => w.name === p.name)?.location,
  tarball: join(outDir, p.filename),
  size: p.size,
  unpackedSize: p.unpackedSize,
  entryCount: p.entryCount,
}));
if (flag("--json")) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
  for (const r of results) {
    process.stdout.write(`${r.name.padEnd(32)} ${kB(r.size).padStart(9)} packed ${kB(r.unpackedSize).padStart(9)} unpacked ${String(r.entryCount).padStart(4)} files  ${relative(process.cwd(), r.tarball)}\n`);
  }
  process.stdout.write(`pack: ${results.length} tarballs in ${relative(process.cwd(), outDir) || "."}; install them together: npm install --global ${relative(process.cwd(), outDir) || "."}/*.tgz\n`);
}
