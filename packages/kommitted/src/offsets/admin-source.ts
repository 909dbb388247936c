/**
 * The `admin` source: where `__consumer_offsets` cannot be read (managed clusters, ACLs keeping internal topics
 * private), groups and their committed offsets come from the Admin API, refreshed before each poll, as kminion and
 * kafka-lag-exporter do. One refresh: ListGroups; DescribeGroups of the reported groups in batches of
 * {@link DESCRIBE_BATCH}; OffsetFetch of each group (librdkafka asks one group per request), `concurrency` at once.
 * Answers become group events through `admin-adapter.ts`.
 */
import type { Filters } from "../filters.js";
import type { GroupAdmin } from "../kafka/group-admin.js";
import type { GroupEvent } from "../state/events.js";
import type { AdminCommit, AdminGroup } from "./admin-adapter.js";
import { adminEvents } from "./admin-adapter.js";

/** Groups per DescribeGroups call (kminion describes all of a broker's groups at once; batches bound the answer size). */
export const DESCRIBE_BATCH = 100;

/** What the admin source needs. */
export interface AdminSourceOptions {
  /** The Admin API client. */
  admin: Pick<GroupAdmin, "listGroups" | "describeGroups" | "committedOffsets">;
  /** Groups reported (others are neither described nor fetched). */
  filters: Filters;
  /** Requests in flight at once (DescribeGroups batches, then OffsetFetch per group). */
  concurrency: number;
  /** Called with the events of each refresh. */
  onEvents: (events: readonly GroupEvent[]) => void;
  /** Called with what failed in a refresh that still went on (a group not described or not fetched, a broker that did not list). */
  onWarning: (message: string) => void;
}

/** Figures of the admin source. */
export interface AdminSourceStats {
  /** Refreshes completed. */
  refreshes: number;
  /** Groups listed (after filters) at the last refresh. */
  groups: number;
  /** Requests that failed at the last refresh (their groups keep their last known state). */
  failures: number;
  /** Duration of the last refresh (ms). */
  lastRefreshMs: number;
}

/** Groups and committed offsets from the Admin API. */
export class AdminGroupSource {
  /** Figures. */
  readonly stats: AdminSourceStats = { refreshes: 0, groups: 0, failures: 0, lastRefreshMs: 0 };
  readonly #o: AdminSourceOptions;
  #state = new Map<string, AdminGroup>();

  constructor(options: AdminSourceOptions) {
    this.#o = options;
  }

  /** Whether a refresh has completed (the registry holds every group). */
  get refreshed(): boolean {
    return this.stats.refreshes > 0;
  }

  /** One refresh: lists, describes and fetches, then hands the differences with the last refresh to `onEvents`. A failed ListGroups rejects. */
  async refresh(): Promise<void> {
    const started = Date.now();
    const { admin, filters, onWarning } = this.#o;
    let failures = 0;
    const listed = await admin.listGroups();
    for (const error of listed.errors) onWarning(`ListGroups: ${error}`);
    failures += listed.errors.length;
    const groups = listed.groups.filter((g) => filters.groups.accepts(g.group));
    const current = new Map<string, AdminGroup>();
    for (const g of groups) current.set(g.group, { group: g.group, type: g.type, protocolType: g.protocolType, protocol: null, members: null, commits: null });
    // a broker that did not answer ListGroups hides its groups: they keep their last known state, not deleted
    if (listed.errors.length > 0) for (const [name, known] of this.#state) if (!current.has(name)) current.set(name, known);

    const batches: string[][] = [];
    for (let i = 0; i < groups.length; i += DESCRIBE_BATCH) batches.push(groups.slice(i, i + DESCRIBE_BATCH).map((g) => g.group));
    await this.#inParallel(batches, async (batch) => {
      try {
        for (const d of await admin.describeGroups(batch)) {
          const group = current.get(d.group);
          if (group === undefined) continue;
          if (d.ok) Object.assign(group, { protocol: d.protocol, members: d.members });
          else {
            failures++;
            onWarning(`DescribeGroups ${d.group}: ${d.message}`);
          }
        }
      } catch (error) {
        failures++;
        onWarning(`DescribeGroups of ${batch.length} groups: ${messageOf(error)}`);
      }
    });
    // share groups commit nothing: their progress (share-partition start offsets) is not in OffsetFetch (librdkafka
    // does not list them today; should a client report them, they are not fetched)
    const fetched = groups.filter((g) => g.type !== "share");
    await this.#inParallel(fetched, async (g) => {
      try {
        const commits: AdminCommit[] = await admin.committedOffsets(g.group);
        const group = current.get(g.group);
        if (group !== undefined) group.commits = commits;
      } catch (error) {
        failures++;
        onWarning(`OffsetFetch ${g.group}: ${messageOf(error)}`);
      }
    });

    const { events, state } = adminEvents(this.#state, current);
    this.#state = state;
    if (events.length > 0) this.#o.onEvents(events);
    Object.assign(this.stats, { refreshes: this.stats.refreshes + 1, groups: groups.length, failures, lastRefreshMs: Date.now() - started });
  }

  /** Runs `work` on every item, at most `concurrency` at once. */
  async #inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await work(items[next++] as T);
    };
    await Promise.all(Array.from({ length: Math.min(this.#o.concurrency, items.length) }, worker));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
