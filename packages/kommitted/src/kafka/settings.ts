/**
 * The librdkafka settings kommitted gives its own clients, in one place: values chosen for memory, measured with
 * `npm run bench` (1,000 groups, 10,000 partitions, 10,000 commits/s). The user's `--kafka-conf` entries come after
 * these and win.
 *
 * Where librdkafka's defaults cost memory: a fetch response is one buffer as large as the response (`fetch.max.bytes`,
 * 50 MB by default, with up to `fetch.message.max.bytes`, 1 MB, per partition), allocated by the broker thread in its
 * own malloc arena, which glibc seldom gives back; and the pre-fetch queue of a consumer holds up to
 * `queued.max.messages.kbytes` (64 MB by default). kommitted's records are small (commits are about 100 bytes, group
 * metadata a few KB), so small fetches cost no replay speed: a 1 MB response still carries about 10,000 commits.
 */
import type { KafkaConfig } from "./client.js";

/** Settings of the consumers that replay and follow `__consumer_offsets` and `__share_group_state`. */
export const COORDINATOR_READER_SETTINGS: Readonly<KafkaConfig> = Object.freeze({
  "fetch.wait.max.ms": 50,
  // under a steady stream of commits, a fetch answered with whatever one record brought costs as much as a full one:
  // the broker waits for 64 KB (about 600 commits) or fetch.wait.max.ms, whichever comes first
  "fetch.min.bytes": 64 * 1024,
  // one fetch response at most (librdkafka still returns a larger first record batch whole: nothing is ever stuck)
  "fetch.max.bytes": 1024 * 1024,
  "fetch.message.max.bytes": 256 * 1024,
  // without a group, librdkafka keeps a pre-fetch queue: bound it (64 MB by default)
  "queued.max.messages.kbytes": 2048,
  "queued.min.messages": 20_000,
  // a partition whose pre-fetch queue is over those bounds waits this long before its next fetch: librdkafka's 1 s
  // default left the replay waiting on empty queues (a 200,000-record replay took 6.6 s, mostly idle)
  "fetch.queue.backoff.ms": 20,
});

/**
 * Settings of the consumer that reads the record at a committed offset for its timestamp (`--lag-mode auto|exact`): it
 * needs ONE record per assigned partition, so it fetches as little as it can and keeps no pre-fetch queue to speak of
 * (librdkafka still returns a larger first record batch whole).
 */
export const RECORD_TIMESTAMP_READER_SETTINGS: Readonly<KafkaConfig> = Object.freeze({
  "fetch.wait.max.ms": 50,
  // librdkafka refuses a fetch.max.bytes below message.max.bytes (1,000,000 by default)
  "fetch.max.bytes": 1024 * 1024,
  "fetch.message.max.bytes": 16 * 1024,
  "queued.max.messages.kbytes": 512,
  "queued.min.messages": 1,
});
