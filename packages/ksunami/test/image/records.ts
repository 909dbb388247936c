/**
 * The host side of the image tests: reads back what a container produced, with librdkafka's non-promise consumer
 * (headers as an ordered list, duplicates kept) by manual assignment. Topics are made with `../support/kafka.js`.
 */
import kafka from "@confluentinc/kafka-javascript";
import type { KafkaConsumer, Message } from "@confluentinc/kafka-javascript";

/** A record as read back: key and value as text, headers in order. */
export interface ReadRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The record's timestamp (CreateTime: when the producer made it), epoch ms. */
  readonly timestamp: number;
}

/** How `readRecords` stops. */
export interface ReadOptions {
  /** Stop once this many records arrived and then `settleMs` passed without another (to catch extra ones). */
  readonly expected: number;
  /** Give up after this long (the records read so far are returned). */
  readonly timeoutMs: number;
  /** Quiet time after `expected` records before stopping (default 1000). */
  readonly settleMs?: number;
  /** Called once, when the first record arrives (epoch ms of its arrival). */
  readonly onFirst?: (record: ReadRecord, arrivedAt: number) => void;
}

/** Reads every partition of `topic` from the start. */
export async function readRecords(brokers: string, topic: string, partitions: number, options: ReadOptions): Promise<ReadRecord[]> {
  const consumer = new kafka.KafkaConsumer(
    { "bootstrap.servers": brokers, "group.id": `ksunami-image-test-${topic}`, "enable.auto.commit": false, "log_level": 0 },
    { "auto.offset.reset": "earliest" },
  );
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 30_000 }, (error) => (error ? reject(error) : resolve())));
  try {
    consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 0 })));
    const records: ReadRecord[] = [];
    const deadline = Date.now() + options.timeoutMs;
    let completeSince: number | undefined;
    while (Date.now() < deadline) {
      const batch = await consume(consumer);
      for (const message of batch) {
        const record = toRecord(message);
        if (records.length === 0) options.onFirst?.(record, Date.now());
        records.push(record);
      }
      if (batch.length > 0) completeSince = undefined;
      if (records.length >= options.expected) {
        completeSince ??= Date.now();
        if (Date.now() - completeSince >= (options.settleMs ?? 1000)) break;
      }
    }
    return records;
  } finally {
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
}

function consume(consumer: KafkaConsumer): Promise<Message[]> {
  return new Promise((resolve, reject) => consumer.consume(1000, (error, messages) => (error ? reject(error) : resolve(messages))));
}

function toRecord(message: Message): ReadRecord {
  const text = (bytes: Buffer | string | null | undefined): string | null =>
    bytes === null || bytes === undefined ? null : typeof bytes === "string" ? bytes : bytes.toString("utf8");
  const headers: [string, string][] = [];
  for (const header of message.headers ?? []) {
    for (const [name, value] of Object.entries(header)) headers.push([name, text(value as Buffer | string) ?? ""]);
  }
  return {
    partition: message.partition,
    offset: message.offset,
    key: text(message.key as Buffer | string | null | undefined),
    value: text(message.value),
    headers,
    timestamp: message.timestamp ?? 0,
  };
}
