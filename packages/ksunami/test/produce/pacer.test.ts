/** The pacer against a fake producer: what it sends, when, and how it behaves under back-pressure. */
import { describe, expect, test } from "vitest";
import type { SendResult } from "../../src/produce/producer.js";
import type { RecordProducer } from "../../src/produce/producer.js";
import { Pacer } from "../../src/produce/pacer.js";
import { TopicRouter } from "../../src/generate/topics.js";
import { WavePlan } from "../../src/wave/plan.js";
import { Schedule } from "../../src/wave/schedule.js";

/** Records what it is sent; acknowledges nothing unless told; refuses with queue-full when `full()` says so. */
class FakeProducer {
  /** Acknowledge each record as soon as it is sent. */
  autoAck = false;
  produced = 0;
  delivered = 0;
  failed = 0;
  readonly timestamps: number[] = [];
  constructor(private readonly full: () => boolean = () => false) {}
  get inFlight(): number {
    return this.produced - this.delivered - this.failed;
  }
  get inFlightForPacing(): number {
    return this.inFlight;
  }
  send(_topic: string, _partition: number, _value: Buffer | null, _key: Buffer | null, timestampMs: number): SendResult {
    if (this.full()) return "queue-full";
    this.produced++;
    if (this.autoAck) this.delivered++;
    this.timestamps.push(timestampMs);
    return "sent";
  }
  poll(): void {}
}

const constant = (rate: number) => new WavePlan({ min: rate, minSec: 3600, max: rate, maxSec: 0, up: { kind: "none" }, upSec: 0, down: { kind: "none" }, downSec: 0 });
const shape = { topics: new TopicRouter([{ name: "t", weight: 1 }]), partition: -1, key: undefined, payload: undefined, headers: undefined };

describe("Pacer", () => {
  test("sends exactly the records due until the end, each stamped with its due time", async () => {
    const schedule = new Schedule(constant(1000));
    const producer = new FakeProducer();
    const pacer = new Pacer(schedule, producer as unknown as RecordProducer, shape, { maxInFlight: 1_000_000, maxLagSec: 1, stopAtSec: 0.5 });
    await pacer.run();
    expect(producer.produced).toBe(500);
    expect(producer.timestamps.map((ts) => ts - pacer.startEpochMs)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(pacer.progress()).toMatchObject({ due: 500, sent: 500, skipped: 0 });
  });

  test("never more than maxInFlight unacknowledged; records due more than maxLag ago are skipped, not burst", async () => {
    const schedule = new Schedule(constant(1000));
    const producer = new FakeProducer();
    const pacer = new Pacer(schedule, producer as unknown as RecordProducer, shape, { maxInFlight: 50, maxLagSec: 0.2, stopAtSec: undefined });
    const running = pacer.run();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(producer.produced).toBe(50);
    const stalled = pacer.progress();
    expect(stalled.backPressureWaits).toBeGreaterThan(0);
    expect(stalled.lagSec).toBeGreaterThan(0.15);
    expect(stalled.skipped).toBeGreaterThan(250);
    // The cluster catches up: acknowledging everything lets the pacer resume from 0.2 s behind, not from the start.
    producer.delivered = producer.produced;
    producer.autoAck = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
    pacer.stop();
    await running;
    const after = pacer.progress();
    // It resumed (sending more than the 50 it was stuck at), and is never more than maxLag (200 records) behind.
    expect(after.sent).toBeGreaterThan(150);
    expect(after.due - after.sent - after.skipped).toBeLessThanOrEqual(200);
    expect(after.skipped).toBeGreaterThanOrEqual(stalled.skipped);
    expect(producer.produced).toBe(after.sent);
  });

  test("a full client queue is back-pressure: nothing is lost, the records go out once there is room", async () => {
    // The queue is full for 60 consecutive attempts (one per tick), from the 200th record on.
    let calls = 0;
    const producer = new FakeProducer(() => {
      calls++;
      return calls > 200 && calls <= 260;
    });
    const pacer = new Pacer(new Schedule(constant(5000)), producer as unknown as RecordProducer, shape, { maxInFlight: 1_000_000, maxLagSec: 1, stopAtSec: 0.3 });
    await pacer.run();
    expect(producer.produced).toBe(1500);
    expect(pacer.progress()).toMatchObject({ due: 1500, sent: 1500, skipped: 0 });
    expect(pacer.progress().backPressureWaits).toBeGreaterThan(0);
    expect(producer.timestamps.map((ts) => ts - pacer.startEpochMs)).toEqual(Array.from({ length: 1500 }, (_, i) => Math.round((i + 1) * 0.2)));
  });
});
