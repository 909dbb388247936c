/**
 * Counts per topic when one wave feeds several (`-t a:3 -t b:1`): produced from the pacer, failed from each failed
 * record's delivery report (which names its topic), delivered from each delivered record's report, or, when the
 * client reports failures only (fast waves), as produced - failed - the topic's share of the records in flight
 * (exact once a flush has emptied the queue).
 */
import type { RdKafka } from "@kafkesc/kafka-io";
import type { PacerProgress } from "../produce/pacer.js";
import type { ProducerCounts } from "../produce/producer.js";

/** One topic's counts. */
export interface TopicCount {
  readonly topic: string;
  readonly produced: number;
  readonly delivered: number;
  readonly failed: number;
}

/** Collects delivery outcomes per topic. */
export class TopicCounts {
  readonly #index: Map<string, number>;
  readonly #delivered: number[];
  readonly #failed: number[];

  constructor(readonly names: readonly string[], private readonly errorsOnly: boolean) {
    this.#index = new Map(names.map((name, i) => [name, i]));
    this.#delivered = names.map(() => 0);
    this.#failed = names.map(() => 0);
  }

  /** A delivery report (listener of the client's `delivery-report` event). */
  readonly onReport = (error: RdKafka.LibrdKafkaError | null | undefined, report: RdKafka.DeliveryReport): void => {
    const i = this.#index.get(report.topic);
    if (i === undefined) return;
    if (error) this.#failed[i]!++;
    else this.#delivered[i]!++;
  };

  /** The counts of every topic now, in the order given. */
  snapshot(progress: PacerProgress, counts: ProducerCounts): TopicCount[] {
    const inFlight = Math.max(0, counts.produced - counts.delivered - counts.failed);
    return this.names.map((topic, i) => {
      const produced = progress.sentByTopic[i] ?? 0;
      const failed = this.#failed[i]! + (progress.failedAtSendByTopic[i] ?? 0);
      const share = counts.produced > 0 ? Math.round((inFlight * produced) / counts.produced) : 0;
      const delivered = this.errorsOnly ? Math.max(0, produced - failed - share) : this.#delivered[i]!;
      return { topic, produced, delivered, failed };
    });
  }
}
