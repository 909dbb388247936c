// Before/after on a loaded machine: two builds of this package (two dist folders) decoding the same corpus selection in
// one process, in alternating order (A B, B A, ...) so neither side always runs warm; prints the median of B's rate
// over A's, per round of CPU time. Both dist folders must sit inside this package (so they resolve its dependencies):
// e.g. `cp -a dist .before-dist`, change and build, then
// `node bench/compare-builds.mjs .before-dist dist commits`.
// The build loaded second measured up to 10-20 % slower than the same build loaded first (A/B then B/A runs of two
// builds that read commits the same way), so the comparison runs twice, in two processes, each build loaded first once,
// and prints the geometric mean of the two ratios: the figure to quote.
// Usage: node bench/compare-builds.mjs <distA> <distB> [mix|commits|groups=mix] [rounds=10] [corpus=bench/.corpus/busy-cluster.jsonl]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [distA, distB, which = "mix", roundsText = "10", corpusPath = "bench/.corpus/busy-cluster.jsonl"] = process.argv.slice(2);
if (distA === undefined || distB === undefined) {
  console.error("usage: node bench/compare-builds.mjs <distA> <distB> [mix|commits|groups] [rounds] [corpus]");
  process.exit(2);
}
if (!process.argv.includes("--child")) {
  // B over A with A loaded first, then with B loaded first (that run's ratio inverted).
  const run = (first, second) => execFileSync(process.execPath, [process.argv[1], first, second, which, roundsText, corpusPath, "--child"], { encoding: "utf8" }).trim();
  const [ab, ba] = [run(distA, distB), run(distB, distA)];
  const ratio = (line) => Number(/= ([\d.]+)x/.exec(line)?.[1]);
  console.log(`${ab}\n${ba}`);
  console.log(`${which}: ${distB} / ${distA} = ${Math.sqrt(ratio(ab) / ratio(ba)).toFixed(3)}x (geometric mean of both load orders)`);
  process.exit(0);
}
const load = async (dist) => (await import(pathToFileURL(resolve(dist, "index.js")).href)).decode;
const [decodeA, decodeB] = [await load(distA), await load(distB)];
const all = readFileSync(corpusPath, "utf8").trim().split("\n").map((line) => {
  const { key, value } = JSON.parse(line);
  return { key: new Uint8Array(Buffer.from(key, "hex")), value: value === null ? null : new Uint8Array(Buffer.from(value, "hex")) };
});
const recordType = (r) => (r.key[0] << 8) | r.key[1];
const records = which === "groups" ? all.filter((r) => recordType(r) === 2) : which === "commits" ? all.filter((r) => recordType(r) <= 1) : all;

/** Records decoded per CPU-second by `decode`, over passes until `seconds` of CPU time. */
function rate(decode, seconds) {
  let check = 0;
  let decoded = 0;
  const start = process.cpuUsage();
  let used;
  do {
    for (let i = 0; i < records.length; i++) check += decode(records[i].key, records[i].value).recordType;
    decoded += records.length;
    used = process.cpuUsage(start);
  } while (used.user + used.system < seconds * 1e6 || check < 0);
  return decoded / ((used.user + used.system) / 1e6);
}

rate(decodeA, 0.5);
rate(decodeB, 0.5);
const ratios = [];
for (let round = 0; round < Number(roundsText); round++) {
  const [a, b] = round % 2 === 0 ? [rate(decodeA, 0.7), rate(decodeB, 0.7)] : (([y, x]) => [x, y])([rate(decodeB, 0.7), rate(decodeA, 0.7)]);
  ratios.push(b / a);
}
const sorted = [...ratios].sort((x, y) => x - y);
console.log(`${which}: ${distB} / ${distA} = ${sorted[sorted.length >> 1].toFixed(3)}x (median of ${ratios.length} rounds: ${ratios.map((r) => r.toFixed(2)).join(" ")})`);
