// Writes a benchmark corpus shaped like a busy cluster's __consumer_offsets (see NOTES "Figures gathered"):
// 95 % OffsetCommit records (key type 1, value v3), 5 % GroupMetadata values v3 with 10-50 members whose
// subscriptions and assignments are consumer protocol v0/v1. One JSON object per line,
// {"key":"<hex>","value":"<hex>"|null}, so the Rust crate can be fed the same file.
// Usage: node bench/corpus.mjs [output=bench/.corpus/busy-cluster.jsonl] [records=100000] [seed=42]
import { mkdirSync, createWriteStream } from "node:fs";
import { dirname } from "node:path";
import { encode, encodeConsumerAssignment, encodeConsumerSubscription, decodeMemberAssignment, decodeMemberSubscription } from "../dist/index.js";
import { prng } from "./mutate.mjs"; // deterministic, so every run writes the same corpus

const [output = "bench/.corpus/busy-cluster.jsonl", countText = "100000", seedText = "42"] = process.argv.slice(2);
const count = Number(countText);

const random = prng(Number(seedText));
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[int(0, list.length - 1)];
const hex = (n) => Array.from({ length: n }, () => int(0, 15).toString(16)).join("");
const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

const services = ["orders", "payments", "inventory", "shipping", "billing", "search", "fraud", "notifications", "analytics", "users"];
const topics = Array.from({ length: 400 }, (_, i) => `${pick(services)}-${pick(["events", "cmds", "dlq"])}-${i}`);
const groups = Array.from({ length: 300 }, (_, i) => `${pick(services)}-${pick(["consumer", "processor", "sink", "indexer"])}-${i}`);
const groupTopics = new Map(groups.map((g) => [g, Array.from({ length: int(1, 4) }, () => pick(topics))]));

function offsetCommit() {
  const group = pick(groups);
  const now = 1_764_000_000_000n + BigInt(int(0, 86_400_000));
  return {
    type: "OffsetCommit", recordType: 1, tombstone: false,
    key: { group, topic: pick(groupTopics.get(group)), partition: int(0, 63) },
    value: { version: 3, offset: BigInt(int(0, 2_000_000_000)) * 16n, leaderEpoch: int(0, 40), metadata: "", commitTimestamp: now, expireTimestamp: -1n },
  };
}

const NO_USER_DATA = new Uint8Array(0);

function groupMetadata() {
  const group = pick(groups);
  const subscribed = groupTopics.get(group);
  const memberCount = int(10, 50);
  const members = [];
  for (let m = 0; m < memberCount; m++) {
    const clientId = `${group}-client-${m}`;
    const version = int(0, 1);
    const owned = subscribed.map((topic) => ({ topic, partitions: Array.from({ length: int(1, 4) }, () => int(0, 63)) }));
    // Empty (not null) userData, as librdkafka writes it: the Rust crate rejects a null one, and must decode this file.
    const subscription = encodeConsumerSubscription({ version, topics: subscribed, userData: NO_USER_DATA, ownedPartitions: version >= 1 ? owned : [], generationId: -1, rackId: null });
    const assignment = encodeConsumerAssignment({ version, assignedPartitions: owned, userData: NO_USER_DATA });
    members.push({
      memberId: `${clientId}-${uuid()}`, groupInstanceId: null, clientId, clientHost: `/10.${int(0, 255)}.${int(0, 255)}.${int(0, 255)}`,
      rebalanceTimeout: 300000, sessionTimeout: 45000,
      subscription: decodeMemberSubscription("consumer", subscription), assignment: decodeMemberAssignment("consumer", assignment),
    });
  }
  return {
    type: "GroupMetadata", recordType: 2, tombstone: false, key: { group },
    value: { version: 3, protocolType: "consumer", generation: int(1, 500), protocol: "range", leader: members[0].memberId, currentStateTimestamp: 1_764_000_000_000n, members },
  };
}

mkdirSync(dirname(output), { recursive: true });
const out = createWriteStream(output);
let bytes = 0;
let groupRecords = 0;
for (let i = 0; i < count; i++) {
  const isGroup = random() < 0.05;
  if (isGroup) groupRecords++;
  const { key, value } = encode(isGroup ? groupMetadata() : offsetCommit());
  bytes += key.length + (value?.length ?? 0);
  const line = `{"key":"${Buffer.from(key).toString("hex")}","value":${value === null ? "null" : `"${Buffer.from(value).toString("hex")}"`}}\n`;
  if (!out.write(line)) await new Promise((resolve) => out.once("drain", resolve));
}
out.end();
await new Promise((resolve) => out.once("finish", resolve));
console.log(`wrote ${count} records (${groupRecords} GroupMetadata), ${(bytes / 1e6).toFixed(1)} MB of keys and values, to ${output}`);
