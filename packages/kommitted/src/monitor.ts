/**
 * Wires the parts together: the offsets reader (and, once Kafka has created it, the share-state reader) feeds the
 * group registry; the poller lists end offsets and computes lag snapshots; the record-timestamp fetcher serves the
 * calculator. Exposes what the HTTP layer shows.
 */
import { RepeatedErrorLog, withRepeats } from "@kafkesc/kafka-io";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { kafkaClientConfig, readyPolls } from "./config.js";
import type { Filters } from "./filters.js";
import { NameFilter } from "./filters.js";
import { Admin } from "./kafka/client.js";
import { GroupAdmin } from "./kafka/group-admin.js";
import type { LagSnapshot } from "./lag/snapshot.js";
import { LagCalculator, rebaseSnapshot } from "./lag/snapshot.js";
import { RecordTimestamps } from "./lag/record-timestamps.js";
import { decodeEvents } from "./offsets/adapter.js";
import type { AdminSourceStats } from "./offsets/admin-source.js";
import { AdminGroupSource } from "./offsets/admin-source.js";
import { CoordinatorTopicReader } from "./offsets/reader.js";
import { decodeShareStateEvents } from "./offsets/share-state-adapter.js";
import type { PollStats } from "./poller.js";
import { Poller } from "./poller.js";
import type { GroupEvent } from "./state/events.js";
import { GroupRegistry } from "./state/groups.js";
import { PartitionOffsetsStore } from "./state/partition-offsets.js";

/** How long a snapshot re-based to the time of a read serves the next reads too (ms): one scrape reads it many times. */
const REBASE_REUSE_MS = 100;
/** How often the monitor checks whether the offsets topic replay has finished (ms). */
const REPLAY_CHECK_MS = 50;
/** How often the monitor looks for the share-state topic while it does not exist (ms): Kafka creates it with the first share group. */
const SHARE_STATE_CHECK_MS = 10_000;
/** The same, once a share group is known (its state topic is about to appear). */
const SHARE_STATE_CHECK_SHARE_GROUP_MS = 1000;

/** Readiness and the reasons it is not there yet. */
export interface Readiness {
  /** Whether kommitted reports complete data. */
  ready: boolean;
  /** Why not (empty when ready). */
  waitingFor: string[];
  /** Offsets topic partitions still being replayed. */
  replayPendingPartitions: number[];
  /** Share-state topic partitions still being replayed (empty while the topic does not exist). */
  shareStateReplayPendingPartitions: number[];
  /** Polls completed / needed for a warm history. */
  polls: { done: number; needed: number };
  /** Where groups and committed offsets come from (null until `start()` has chosen; absent in hand-built views). */
  source?: ResolvedSource | null;
}

/** The source a monitor runs with, once `auto` is resolved. */
export type ResolvedSource = "topic" | "admin";

/** What the HTTP layer reads from a monitor (a running `Monitor`, or a hand-built one in tests). */
export interface MonitorView {
  /** Settings (the HTTP layer uses `clusterId`). */
  readonly config: Pick<Config, "clusterId">;
  /** Groups. */
  readonly registry: GroupRegistry;
  /** Tracked partitions. */
  readonly store: PartitionOffsetsStore;
  /** Last snapshot, re-based to the time of the read (a copy of every group partition: see `polled` and `readAt`). */
  readonly snapshot: LagSnapshot | undefined;
  /** The last poll's snapshot as computed, time lags as of that poll; the next poll rewrites it in place (read at once). */
  readonly polled: LagSnapshot | undefined;
  /**
   * The instant (ms) a read of `polled` measures time lags and commit ages against: now, or once the monitor is
   * stopped, the instant it stopped (it learns nothing new after).
   */
  readonly readAt: number;
  /** Figures of the last poll. */
  readonly lastPoll: PollStats | undefined;
  /** Offsets reader counters. */
  readonly reader: { readonly stats: { records: number; decodeErrors: number } };
  /** Share-state reader counters (zero while `__share_group_state` does not exist). */
  readonly shareStateReader: { readonly stats: { records: number; decodeErrors: number } };
  /** Where groups and committed offsets come from (undefined until started). */
  readonly source?: ResolvedSource | undefined;
  /** The Admin API source's figures (the admin source only). */
  readonly adminSource?: { readonly refreshed: boolean; readonly stats: AdminSourceStats } | undefined;
  /** Readiness. */
  readiness(): Readiness;
  /** Liveness. */
  liveness(): { live: boolean; reason: string | null };
}

/** The running monitor. */
export class Monitor implements MonitorView {
  /** Groups learnt from the offsets topic. */
  readonly registry = new GroupRegistry();
  /** End offsets and history of tracked partitions. */
  readonly store: PartitionOffsetsStore;
  /** The offsets topic reader. */
  readonly reader: CoordinatorTopicReader;
  /** The share-state topic reader (started once the topic exists). */
  readonly shareStateReader: CoordinatorTopicReader;
  /** Record-timestamp fetcher of the `auto` and `exact` lag modes (undefined in `estimate` mode). */
  readonly timestamps: RecordTimestamps | undefined;
  /** The config it runs with. */
  readonly config: Config;
  /** The groups and topics reported (`--groups`, `--topics` and their `-exclude`). */
  readonly filters: Filters;
  /** Figures of the last poll. */
  lastPoll: PollStats | undefined;
  /** When the monitor became ready (ms since start), once it did. */
  readyAfterMs: number | undefined;
  /** When `start()` was called (ms). */
  startedAt = Number.NaN;
  /** Where groups and committed offsets come from, once `start()` has chosen (`--source auto`: the topic if readable). */
  source: ResolvedSource | undefined;
  /** Why `auto` chose the Admin API (undefined otherwise). */
  sourceReason: string | undefined;
  /** The Admin API source (undefined with the topic source). */
  adminSource: AdminGroupSource | undefined;
  #groupAdmin: GroupAdmin | undefined;
  readonly #admin: Admin;
  readonly #poller: Poller;
  readonly #calculator: LagCalculator;
  readonly #log: Logger;
  #pollsSinceReplay = 0;
  /** The last snapshot as the poller computed it. */
  #snapshot: LagSnapshot | undefined;
  /** The last snapshot re-based to a recent instant, reused for {@link REBASE_REUSE_MS}. */
  #rebased: LagSnapshot | undefined;
  /** When `stop()` was first called (ms; NaN while running). */
  #stoppedAt = Number.NaN;
  /**
   * Whether a snapshot used every record timestamp asked for by the first one, and by any that computed a partition
   * for the first time (always true in `estimate` mode).
   */
  #timestampsWarm = false;
  #replayedAfterMs: number | undefined;
  #replayWatch: NodeJS.Timeout | undefined;
  #shareStateWatch: NodeJS.Timeout | undefined;
  #shareStateStarting: Promise<void> | undefined;
  #failure: Error | undefined;
  readonly #clientErrors: RepeatedErrorLog;

  constructor(config: Config, log: Logger) {
    this.config = config;
    this.#log = log;
    this.filters = { groups: new NameFilter(config.groups, config.groupsExclude), topics: new NameFilter(config.topics, config.topicsExclude) };
    const kafkaConfig = kafkaClientConfig(config);
    // librdkafka reports an unreachable broker every second or so, per client: each message is logged once, with a count
    const clientErrors = new RepeatedErrorLog((message, repeats) => log.warn(withRepeats(message, repeats)));
    this.#clientErrors = clientErrors;
    const onWarning = (message: string) => clientErrors.note(message);
    this.store = new PartitionOffsetsStore(config.history);
    this.#admin = Admin.create(kafkaConfig, config.requestTimeoutMs);
    this.reader = new CoordinatorTopicReader({
      brokers: config.brokers,
      topic: config.offsetsTopic,
      decode: decodeEvents,
      kafkaConfig,
      timeoutMs: config.requestTimeoutMs,
      connectTimeoutMs: config.connectTimeoutMs,
      onEvents: (events) => this.#apply(events),
      onDecodeError: (error, partition, offset) => log.warn({ err: error, partition, offset }, "skipped a record that does not decode"),
      onWarning,
      onFatal: (error) => this.fail(error),
    });
    this.shareStateReader = new CoordinatorTopicReader({
      brokers: config.brokers,
      topic: config.shareStateTopic,
      decode: decodeShareStateEvents,
      waitForTopicMs: 0,
      // most clusters never create __share_group_state: no consumer of its own until it exists
      topicExists: (topic) => this.#admin.topicExists(topic),
      kafkaConfig,
      timeoutMs: config.requestTimeoutMs,
      connectTimeoutMs: config.connectTimeoutMs,
      onEvents: (events) => this.#apply(events),
      onDecodeError: (error, partition, offset) => log.warn({ err: error, topic: config.shareStateTopic, partition, offset }, "skipped a share-state record that does not decode"),
      onWarning,
      onFatal: (error) => this.fail(error),
    });
    this.timestamps =
      config.lagMode !== "estimate"
        ? new RecordTimestamps({
            brokers: config.brokers,
            kafkaConfig,
            concurrency: config.exactConcurrency,
            cacheSize: 100_000,
            roundTimeoutMs: 2000,
            onWarning,
          })
        : undefined;
    this.#calculator = new LagCalculator({
      registry: this.registry,
      store: this.store,
      rules: { windowSize: config.healthWindow, stopAfterMs: config.stopAfterMs },
      mode: config.lagMode,
      timestamps: this.timestamps,
      filters: this.filters,
    });
    this.#poller = new Poller({
      admin: this.#admin,
      registry: this.registry,
      store: this.store,
      calculator: this.#calculator,
      intervalMs: config.pollIntervalMs,
      metadataRefreshMs: config.metadataRefreshMs,
      filters: this.filters,
      onSnapshot: (snapshot, stats) => this.#onSnapshot(snapshot, stats),
      refreshGroups: () => this.#refreshGroups(),
      // a cluster that is down fails every poll: one line per message (then a count), the stack only at debug
      onError: (error) => {
        clientErrors.note(`poll failed; offsets marked stale: ${error instanceof Error ? error.message : String(error)}`);
        log.debug({ err: error }, "poll failed");
      },
    });
  }

  /**
   * The last snapshot, with its time lags and commit ages measured against {@link readAt} (re-based at most every
   * {@link REBASE_REUSE_MS}): what a reader sees is never a poll interval old, and it is theirs to keep. It copies every
   * group partition (2.5 MB at 10,000): kommitted's own readers (`/metrics`, the REST API) read `polled` at `readAt`.
   */
  get snapshot(): LagSnapshot | undefined {
    const base = this.#snapshot;
    if (base === undefined) return undefined;
    const at = this.readAt;
    if (this.#rebased === undefined || this.#rebased.asOf < base.asOf || at - this.#rebased.asOf > REBASE_REUSE_MS) this.#rebased = rebaseSnapshot(base, at);
    return this.#rebased;
  }

  /** The instant reads measure time lags and commit ages against: now, or the instant `stop()` was called. */
  get readAt(): number {
    return this.#stopping ? this.#stoppedAt : Date.now();
  }

  /** Whether `stop()` was called. */
  get #stopping(): boolean {
    return !Number.isNaN(this.#stoppedAt);
  }

  /**
   * The last poll's snapshot as the poller computed it: time lags and commit ages as of that poll, with no copy. The
   * next poll rewrites its groups and partitions in place, so read it at once (a reader that waits uses `snapshot`).
   */
  get polled(): LagSnapshot | undefined {
    return this.#snapshot;
  }

  /** Starts reading (or, with the admin source, listing groups) and polling; rejects if the offsets topic cannot be read. */
  async start(): Promise<void> {
    this.startedAt = Date.now();
    this.source = await this.#chooseSource();
    if (this.source === "admin") {
      // the first listing happens now, so that a cluster that refuses us ends the start (exit 1) rather than every poll
      await (this.adminSource as AdminGroupSource).refresh();
      if (this.timestamps !== undefined) await this.timestamps.start();
      this.#poller.start();
      this.#log.info({ source: "admin", reason: this.sourceReason, lagMode: this.config.lagMode }, "kommitted started: groups and committed offsets from the Admin API (commit times unknown)");
      return;
    }
    await this.reader.start();
    this.#log.info({ ms: Date.now() - this.startedAt, pending: this.reader.progress.pendingPartitions.length }, "offsets topic assigned; replaying");
    await this.#startShareStateReader();
    if (this.timestamps !== undefined) await this.timestamps.start();
    // polling starts once the offsets topic is replayed: snapshots of a half-read log would be wrong anyway, and on a
    // large cluster the list-offsets requests would slow the replay down (measured: 10,000 partitions polled during a
    // 200,000-record replay stretched it from a few seconds to 9)
    this.#startPollingWhenReplayed();
    this.#log.info({ source: "topic", topic: this.config.offsetsTopic, lagMode: this.config.lagMode }, `kommitted started: groups and committed offsets from ${this.config.offsetsTopic}`);
  }

  /** Stops everything, in reverse order. */
  async stop(): Promise<void> {
    if (!this.#stopping) this.#stoppedAt = Date.now();
    clearTimeout(this.#replayWatch);
    clearTimeout(this.#shareStateWatch);
    await this.#shareStateStarting;
    await this.#poller.stop();
    await this.timestamps?.stop();
    await this.shareStateReader.stop();
    await this.reader.stop();
    await this.#groupAdmin?.disconnect();
    this.#admin.disconnect();
    this.#clientErrors.flush();
  }

  /** Marks the monitor failed for good (`/healthz` then reports it, and the process is not live). */
  fail(error: Error): void {
    this.#failure ??= error;
    this.#log.error({ code: (error as { code?: unknown }).code }, `failed: ${error.message}`);
  }

  /** Liveness: false once a component failed for good. */
  liveness(): { live: boolean; reason: string | null } {
    return { live: this.#failure === undefined, reason: this.#failure?.message ?? null };
  }

  /**
   * Readiness: offsets topic replayed up to its end, offset history warm, and (`auto` and `exact` modes) a snapshot
   * served the record timestamps that the first snapshot after the replay asked for, and any snapshot that computed a
   * partition for the first time (read, or given up after two rounds that found nothing).
   */
  readiness(): Readiness {
    const needed = readyPolls(this.config);
    const waitingFor: string[] = [];
    if (this.source === undefined) waitingFor.push("source");
    else if (this.source === "admin") {
      if (this.adminSource?.refreshed !== true) waitingFor.push("group listing");
    } else if (!this.reader.progress.replayed) waitingFor.push("offsets topic replay");
    if (this.shareStateReader.started && !this.shareStateReader.progress.replayed) waitingFor.push("share-state topic replay");
    if (this.#pollsSinceReplay < needed) waitingFor.push("offset history");
    if (this.timestamps !== undefined && !this.#timestampsWarm) waitingFor.push("record timestamps");
    return {
      ready: waitingFor.length === 0,
      waitingFor,
      replayPendingPartitions: this.source === "admin" ? [] : this.reader.progress.pendingPartitions,
      shareStateReplayPendingPartitions: this.shareStateReader.started ? this.shareStateReader.progress.pendingPartitions : [],
      polls: { done: this.#pollsSinceReplay, needed },
      source: this.source ?? null,
    };
  }

  /**
   * Starts reading the share-state topic if it exists; otherwise looks again every {@link SHARE_STATE_CHECK_MS}, or
   * every {@link SHARE_STATE_CHECK_SHARE_GROUP_MS} once a share group is known (an absent topic means no share group
   * ever stored state: not an error). A failure to read it is logged and retried.
   */
  async #startShareStateReader(): Promise<void> {
    const topic = this.config.shareStateTopic;
    const attempt = this.shareStateReader.startIfPresent().then(
      (started) => {
        if (started) this.#log.info({ topic, pending: this.shareStateReader.progress.pendingPartitions.length }, "share-state topic assigned; replaying");
        return started;
      },
      (error: unknown) => {
        this.#log.warn({ topic }, `cannot read the share-state topic yet; will retry: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      },
    );
    this.#shareStateStarting = attempt.then(() => undefined);
    if (!(await attempt) && !this.#stopping) {
      const delay = this.#hasShareGroup() ? SHARE_STATE_CHECK_SHARE_GROUP_MS : SHARE_STATE_CHECK_MS;
      this.#shareStateWatch = setTimeout(() => void this.#startShareStateReader(), delay);
    }
  }

  /**
   * `--source topic` and `admin` as given; `auto`: the topic unless this client is denied reading it (DescribeTopics
   * with its authorized operations), else the Admin API; a topic that does not exist stays with the topic source. A probe that fails otherwise (brokers unreachable, refused
   * credentials) leaves the topic source, whose reader reports that failure precisely.
   */
  async #chooseSource(): Promise<ResolvedSource> {
    const { source, offsetsTopic, requestTimeoutMs } = this.config;
    if (source === "topic") return "topic";
    // a cluster that cannot be reached or refuses us ends the start here, with kafka-io's typed failure
    const admin = await GroupAdmin.connect({ brokers: this.config.brokers, kafkaConfig: kafkaClientConfig(this.config), connectTimeoutMs: this.config.connectTimeoutMs, timeoutMs: requestTimeoutMs });
    if (source === "admin") {
      this.#startAdminSource(admin);
      return "admin";
    }
    const probe = admin;
    try {
      const denied = await probe.topicDenied(offsetsTopic);
      if (denied === undefined) return "topic";
      this.sourceReason = denied;
      this.#log.info({ topic: offsetsTopic, reason: denied }, `cannot read ${offsetsTopic}: using the Admin API instead (--source auto)`);
      this.#startAdminSource(probe);
      return "admin";
    } catch (error) {
      this.#log.debug({ err: error }, "could not tell whether the offsets topic is readable; reading it");
      return "topic";
    } finally {
      if (this.#groupAdmin !== probe) await probe.disconnect();
    }
  }

  /** Creates the admin source over a connected client. */
  #startAdminSource(admin: GroupAdmin): void {
    this.#groupAdmin = admin;
    this.adminSource = new AdminGroupSource({
      admin: this.#groupAdmin,
      filters: this.filters,
      concurrency: this.config.adminConcurrency,
      onEvents: (events) => this.#apply(events),
      onWarning: (message) => this.#clientErrors.note(message),
    });
  }

  /** Before each poll with the admin source: refreshes groups and committed offsets (a failure is logged; the last known stay). */
  async #refreshGroups(): Promise<void> {
    if (this.adminSource === undefined) return;
    try {
      await this.adminSource.refresh();
    } catch (error) {
      this.#clientErrors.note(`group refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #hasShareGroup(): boolean {
    for (const group of this.registry.groups()) if (group.type === "share") return true;
    return false;
  }

  #startPollingWhenReplayed(): void {
    if (this.reader.progress.replayed) {
      this.#replayedAfterMs = Date.now() - this.startedAt;
      this.#log.info({ ms: this.#replayedAfterMs, records: this.reader.stats.records, decodeErrors: this.reader.stats.decodeErrors }, "offsets topic replayed");
      this.#poller.start();
      return;
    }
    this.#replayWatch = setTimeout(() => this.#startPollingWhenReplayed(), REPLAY_CHECK_MS);
  }

  #apply(events: readonly GroupEvent[]): void {
    const { groups, topics } = this.filters;
    for (const event of events) {
      if (event.kind === "topic-names") for (const { topicId, topic } of event.names) this.store.learnTopicId(topicId, topic);
      // filtered-out groups are never held; commits to filtered-out topics neither
      else if (!groups.accepts(event.group)) continue;
      else if ((event.kind === "offset-commit" || event.kind === "offset-delete") && !topics.accepts(event.topic)) continue;
      else this.registry.apply(event);
    }
  }

  #onSnapshot(snapshot: LagSnapshot, stats: PollStats): void {
    this.#snapshot = snapshot;
    this.#rebased = undefined;
    // the reads asked for by the first snapshot, and by any later one that computed a partition for the first time (one
    // whose end offsets a poll could not list until then), were all answered or given up before this one was computed
    const pendingSince = this.timestamps?.pendingSince();
    if (pendingSince === undefined || pendingSince > this.#calculator.newPartitionsAt) this.#timestampsWarm = true;
    this.lastPoll = stats;
    // a poll in which every listing failed teaches the history nothing: it does not count towards warm
    if (stats.partitions === 0 || stats.failed < stats.partitions) this.#pollsSinceReplay++;
    if (this.readyAfterMs === undefined && this.readiness().ready) {
      this.readyAfterMs = Date.now() - this.startedAt;
      this.#log.info({ readyAfterMs: this.readyAfterMs, groups: snapshot.groups.size }, "ready");
    }
    this.#log.debug({ ...stats, groups: snapshot.groups.size }, "polled");
  }
}
