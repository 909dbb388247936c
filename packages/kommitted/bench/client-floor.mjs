// What kommitted's Kafka client costs on its own under the bench's load: the peer of bench.mjs's kommitted figures,
// started by bench.mjs after kommitted in the same run, on the same broker and the same commits.
//
// It is kommitted's own Kafka I/O with nothing done with what it returns: the offsets reader (CoordinatorTopicReader:
// the same consumer settings, batches and replay tracking) reads the offsets topic and drops each record undecoded;
// the admin client (Admin: the same chunks and requests in flight) lists the latest offsets of every partition every
// second, and the earliest at every EARLIEST_EVERY_POLLS-th poll, and refreshes the topics' metadata as often, as the
// poller does at kommitted's defaults. The process starts as the `kommitted` command does (relaunch with its runtime
// settings where Node can, the same heap sizing). So the figures bench.mjs measures here are the floor that the client
// library and Node set for this work; what kommitted uses above them is its own (decoding, the group model, lag
// snapshots, health, metrics and scrapes).
//
// node bench/client-floor.mjs BROKERS OFFSETS_TOPIC TOPIC_PREFIX TOPICS PARTITIONS_PER_TOPIC
// Writes "ready" to stderr once the offsets topic is replayed and the first listing is done, and a "warning:" line for
// each poll where some partitions failed to list; stops on SIGTERM.
import { relaunchWithRuntimeSettings, capYoungGeneration, preferSmallHeap } from "../dist/heap.js";

relaunchWithRuntimeSettings();
preferSmallHeap();
capYoungGeneration();

const { DEFAULTS, kafkaClientConfig } = await import("../dist/config.js");
const { Admin } = await import("../dist/kafka/client.js");
const { CoordinatorTopicReader } = await import("../dist/offsets/reader.js");
const { EARLIEST_EVERY_POLLS } = await import("../dist/poller.js");

const [brokers, offsetsTopic, topicPrefix, topics, perTopic] = process.argv.slice(2);
const kafkaConfig = kafkaClientConfig({ brokers, clientId: DEFAULTS.clientId, kafkaConfig: {} });
const fail = (error) => {
  process.stderr.write(`client-floor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};

const reader = new CoordinatorTopicReader({
  brokers,
  topic: offsetsTopic,
  decode: () => ({ ok: true, recordType: -1, events: [] }), // dropped undecoded
  kafkaConfig,
  timeoutMs: DEFAULTS.requestTimeoutMs,
  onEvents: () => {},
  onDecodeError: () => {},
  onWarning: () => {},
  onFatal: fail,
});
const admin = Admin.create(kafkaConfig, DEFAULTS.requestTimeoutMs);
const partitions = [];
for (let t = 0; t < Number(topics); t++) for (let p = 0; p < Number(perTopic); p++) partitions.push({ topic: `${topicPrefix}${t}`, partition: p });

let running = true;
process.once("SIGTERM", () => (running = false));
try {
  await reader.start();
  while (!reader.progress.replayed) await new Promise((resolve) => setTimeout(resolve, 50));
  let metadataAt = Number.NEGATIVE_INFINITY;
  for (let poll = 0; running; poll++) {
    const started = Date.now();
    if (started - metadataAt >= DEFAULTS.metadataRefreshMs) {
      await admin.describeTopics(await admin.listTopics());
      metadataAt = Date.now();
    }
    const results = await admin.listOffsets(partitions, poll % EARLIEST_EVERY_POLLS === 0);
    // as kommitted does, a partition that fails to list is tried again at the next poll; a poll where all fail is a
    // broken set-up, whose figures would be no floor at all
    const failed = results.filter((r) => !r.ok).length;
    if (failed === partitions.length) throw new Error(`every partition failed to list (${results[0]?.message})`);
    if (failed > 0) process.stderr.write(`warning: ${failed} of ${partitions.length} partitions failed to list at poll ${poll}\n`);
    if (poll === 0) process.stderr.write("ready\n");
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, DEFAULTS.pollIntervalMs - (Date.now() - started))));
  }
  await reader.stop();
  admin.disconnect();
  process.exit(0);
} catch (error) {
  fail(error);
}
