/**
 * The capture workloads: each one drives real clients against the cluster so that the broker writes a known kind of
 * `__consumer_offsets` record, and reports what it did (offsets committed, groups deleted...) for the tests to check.
 * Every group and topic of a workload is named `kfx-<workload>-<run suffix>...`, which is how records are attributed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RdKafka } from "@confluentinc/kafka-javascript";
import type { KafkaCluster } from "@kafkesc/kafka-harness";
import { produceRecords, runConsumerGroup, runTransactions } from "./clients.js";
import type { JavaTools } from "./java-tools.js";
import { noExpectations } from "./manifest.js";
import type { ExpectedClassicGroup, ExpectedCommit, ScenarioExpectations } from "./manifest.js";

/** What every workload gets. */
export interface CaptureContext {
  /** The running cluster. */
  cluster: KafkaCluster;
  /** Its bootstrap servers. */
  brokers: string;
  /** Its Kafka version, as `[major, minor]`. */
  release: readonly [number, number];
  /** Kafka's Java tools for that version. */
  tools: JavaTools;
  /** Random suffix of this run's names. */
  suffix: string;
  /** Progress output. */
  log(message: string): void;
}

/** One workload. */
export interface Scenario {
  /** Short name (also the prefix of its groups and topics). */
  name: string;
  /** What it makes the broker write. */
  description: string;
  /** Why this Kafka version cannot run it, or `undefined` when it can. */
  unsupported?(context: CaptureContext): string | undefined;
  /** Runs it and says what it did. */
  run(context: CaptureContext): Promise<ScenarioExpectations>;
}

/** The prefix of every group and topic name of `scenario` in this run: records whose key holds it belong to it. */
export function namePrefix(scenario: Pick<Scenario, "name">, context: Pick<CaptureContext, "suffix">): string {
  return `kfx-${scenario.name}-${context.suffix}`;
}

function atLeast(context: CaptureContext, major: number, minor: number): boolean {
  const [haveMajor, haveMinor] = context.release;
  return haveMajor > major || (haveMajor === major && haveMinor >= minor);
}

/** A topic with `counts.length` partitions holding `counts[p]` records each. */
async function topicWithRecords(context: CaptureContext, name: string, counts: number[]): Promise<string> {
  await context.cluster.createTopic(name, { partitions: counts.length });
  await produceRecords(context.brokers, name, counts);
  return name;
}

/** A classic librdkafka group with `members` members reading `topics`, with `assignor`. */
function classicScenario(
  name: string,
  description: string,
  assignor: string,
  topicPartitions: number[][],
  memberCount: number,
  options: { staticMembers?: boolean; metadata?: string; lateMember?: boolean } = {},
): Scenario {
  const scenario: Scenario = {
    name,
    description,
    async run(context) {
      const prefix = namePrefix(scenario, context);
      const expected = new Map<string, number[]>();
      for (const [index, counts] of topicPartitions.entries()) {
        expected.set(await topicWithRecords(context, `${prefix}-t${index}`, counts), counts);
      }
      const member = (index: number) => ({
        clientId: `${prefix}-client-${index}`,
        ...(options.staticMembers ? { groupInstanceId: `${prefix}-instance-${index}` } : {}),
      });
      const first = Array.from({ length: memberCount }, (_, index) => member(index));
      const late = options.lateMember ? [member(memberCount)] : [];
      const members = [...first, ...late];
      const commits = await runConsumerGroup({
        brokers: context.brokers,
        group: prefix,
        subscription: [...expected.keys()],
        expected,
        members: first,
        lateMembers: late,
        config: { "partition.assignment.strategy": assignor, "group.protocol": "classic" },
        ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      });
      const group: ExpectedClassicGroup = {
        group: prefix,
        assignor,
        clientIds: members.map((member) => member.clientId),
        groupInstanceIds: members.flatMap((member) => (member.groupInstanceId === undefined ? [] : [member.groupInstanceId])),
        topics: [...expected.keys()],
        javaClient: false,
        ownedPartitionsOnRejoin: options.lateMember === true && assignor === "cooperative-sticky",
      };
      return { ...noExpectations(), commits, classicGroups: [group], recordTypes: [1, 2] };
    },
  };
  return scenario;
}

/** Reads `topic` to its end with Kafka's Java console consumer in `group` (which then commits on close). */
async function javaConsoleConsumer(
  context: CaptureContext,
  topic: string,
  group: string,
  records: number,
  properties: Record<string, string>,
): Promise<void> {
  const consumerProperties = Object.entries(properties).flatMap(([key, value]) => ["--consumer-property", `${key}=${value}`]);
  await context.tools.run(
    "consoleConsumer",
    ["--bootstrap-server", context.brokers, "--topic", topic, "--group", group, "--from-beginning", "--max-messages", String(records), "--timeout-ms", "30000", ...consumerProperties],
    90_000,
  );
}

/**
 * A consumer group on the KIP-848 protocol. librdkafka speaks the protocol's GA version (Kafka 4.0+); on the 3.x
 * early-access version only Kafka's own Java consumer does, so 3.x runs one Java member over one partition.
 */
async function consumerProtocolGroup(context: CaptureContext, group: string, topic: string, counts: number[], members: number): Promise<ExpectedCommit[]> {
  if (atLeast(context, 4, 0)) {
    return runConsumerGroup({
      brokers: context.brokers,
      group,
      subscription: [topic],
      expected: new Map([[topic, counts]]),
      members: Array.from({ length: members }, (_, index) => ({ clientId: `${group}-client-${index}` })),
      config: { "group.protocol": "consumer" },
    });
  }
  const [records] = counts;
  if (counts.length !== 1 || records === undefined) throw new Error("the Java consumer-protocol member reads one partition");
  await javaConsoleConsumer(context, topic, group, records, { "group.protocol": "consumer", "client.id": `${group}-java` });
  return [{ group, topic, partition: 0, offset: records, metadata: "" }];
}

const classicJava: Scenario = {
  name: "classic-java",
  description: "classic group of Kafka's Java console consumer (RangeAssignor): consumer-protocol subscription with a null userData",
  async run(context) {
    const prefix = namePrefix(classicJava, context);
    const topic = await topicWithRecords(context, `${prefix}-t0`, [7]);
    const clientId = `${prefix}-java`;
    await javaConsoleConsumer(context, topic, prefix, 7, {
      "client.id": clientId,
      "group.protocol": "classic",
      "partition.assignment.strategy": "org.apache.kafka.clients.consumer.RangeAssignor",
    });
    return {
      ...noExpectations(),
      commits: [{ group: prefix, topic, partition: 0, offset: 7, metadata: "" }],
      classicGroups: [
        { group: prefix, assignor: "range", clientIds: [clientId], groupInstanceIds: [], topics: [topic], javaClient: true, ownedPartitionsOnRejoin: false },
      ],
      recordTypes: [1, 2],
    };
  },
};

const consumerProtocol: Scenario = {
  name: "consumer-protocol",
  description: "consumer group on the KIP-848 protocol (group.protocol=consumer), two librdkafka members",
  async run(context) {
    const prefix = namePrefix(consumerProtocol, context);
    const counts = atLeast(context, 4, 0) ? [2, 3, 4, 5] : [6];
    const topic = await topicWithRecords(context, `${prefix}-t0`, counts);
    const commits = await consumerProtocolGroup(context, prefix, topic, counts, atLeast(context, 4, 0) ? 2 : 1);
    return { ...noExpectations(), commits, recordTypes: [1, 3, 5, 6, 7, 8] };
  },
};

const consumerRegex: Scenario = {
  name: "consumer-regex",
  description: "consumer group on the KIP-848 protocol subscribed with a regular expression resolved by the broker",
  unsupported: (context) => (atLeast(context, 4, 0) ? undefined : "broker-side regular expressions arrived in Kafka 4.0"),
  async run(context) {
    const prefix = namePrefix(consumerRegex, context);
    const expected = new Map<string, number[]>();
    expected.set(await topicWithRecords(context, `${prefix}-ta`, [3, 2]), [3, 2]);
    expected.set(await topicWithRecords(context, `${prefix}-tb`, [4]), [4]);
    const commits = await runConsumerGroup({
      brokers: context.brokers,
      group: prefix,
      subscription: [`^${prefix}-t.*`],
      expected,
      members: [{ clientId: `${prefix}-client-0` }],
      config: { "group.protocol": "consumer", "topic.metadata.refresh.interval.ms": 1000 },
    });
    return { ...noExpectations(), commits, recordTypes: [1, 3, 16] };
  },
};

const transactions: Scenario = {
  name: "transactions",
  description: "offsets committed inside transactions (librdkafka sendOffsetsToTransaction): one committed, one aborted",
  async run(context) {
    const prefix = namePrefix(transactions, context);
    const topic = await topicWithRecords(context, `${prefix}-t0`, [10]);
    const outputTopic = `${prefix}-out`;
    await context.cluster.createTopic(outputTopic, { partitions: 1 });
    const { committed, aborted } = await runTransactions({
      brokers: context.brokers,
      group: prefix,
      topic,
      outputTopic,
      transactionalId: `${prefix}-txn`,
      committedOffset: 6,
      abortedOffset: 9,
    });
    return { ...noExpectations(), commits: [committed], abortedCommits: [aborted], recordTypes: [1, 2] };
  },
};

const shareGroup: Scenario = {
  name: "share",
  description: "share group of Kafka's Java ConsoleShareConsumer reading 5 records",
  unsupported: (context) => (atLeast(context, 4, 0) ? undefined : "share groups arrived in Kafka 4.0"),
  async run(context) {
    const prefix = namePrefix(shareGroup, context);
    const topic = `${prefix}-t0`;
    await context.cluster.createTopic(topic, { partitions: 2 });
    try {
      await context.tools.run("configs", ["--bootstrap-server", context.brokers, "--alter", "--entity-type", "groups", "--entity-name", prefix, "--add-config", "share.auto.offset.reset=earliest"]);
    } catch (error) {
      context.log(`  could not set share.auto.offset.reset on ${prefix} (${String(error)}); producing after the consumer starts instead`);
    }
    const consumer = context.tools.run(
      "consoleShareConsumer",
      ["--bootstrap-server", context.brokers, "--topic", topic, "--group", prefix, "--max-messages", "5", "--timeout-ms", "40000", "--consumer-property", `client.id=${prefix}-java`],
      90_000,
    );
    // Records produced once the share consumer has joined are delivered whatever the reset policy.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await produceRecords(context.brokers, topic, [3, 2]);
    await consumer;
    return { ...noExpectations(), recordTypes: [10, 11] };
  },
};

const streamsGroup: Scenario = {
  name: "streams",
  description: "streams group (group.protocol=streams) of Kafka Streams' WordCountDemo",
  unsupported: (context) => (atLeast(context, 4, 1) ? undefined : "streams groups arrived in Kafka 4.1"),
  async run(context) {
    const prefix = namePrefix(streamsGroup, context);
    await context.cluster.createTopic("streams-plaintext-input", { partitions: 2 });
    await context.cluster.createTopic("streams-wordcount-output", { partitions: 2 });
    const dir = mkdtempSync(join(tmpdir(), "kfx-streams-"));
    const properties = join(dir, "streams.properties");
    writeFileSync(
      properties,
      [`application.id=${prefix}`, `bootstrap.servers=${context.brokers}`, "group.protocol=streams", `state.dir=${join(dir, "state")}`, "commit.interval.ms=500", ""].join("\n"),
    );
    const app = await context.tools.start("wordCount", [properties]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 8000));
      const lines = ["all streams lead to kafka", "hello kafka streams", "join kafka summit"];
      await produceLines(context, lines);
      await new Promise((resolve) => setTimeout(resolve, 12_000));
    } finally {
      const code = await app.stop();
      context.log(`  WordCountDemo stopped (exit ${code}); last output: ${app.output().trim().split("\n").slice(-2).join(" | ")}`);
      rmSync(dir, { recursive: true, force: true });
    }
    return { ...noExpectations(), recordTypes: [17, 19, 23] };
  },
};

async function produceLines(context: CaptureContext, lines: string[]): Promise<void> {
  const producer = new RdKafka.Producer({ "bootstrap.servers": context.brokers });
  await new Promise<void>((resolve, reject) => producer.connect({}, (error) => (error ? reject(error) : resolve())));
  for (const line of lines) producer.produce("streams-plaintext-input", null, Buffer.from(line), null);
  await new Promise<void>((resolve, reject) => producer.flush(10_000, (error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
}

const deletion: Scenario = {
  name: "deletion",
  description: "kafka-consumer-groups --delete-offsets on one topic of a classic group, --delete of a classic and of a consumer-protocol group",
  async run(context) {
    const prefix = namePrefix(deletion, context);
    const kept = await topicWithRecords(context, `${prefix}-kept`, [2, 3]);
    const dropped = await topicWithRecords(context, `${prefix}-dropped`, [4, 1]);
    const offsetsGroup = `${prefix}-offsets`;
    const classicGroup = `${prefix}-classic`;
    const consumerGroup = `${prefix}-consumer`;
    const classic = { "partition.assignment.strategy": "range", "group.protocol": "classic" };
    const commits: ExpectedCommit[] = [
      ...(await runConsumerGroup({
        brokers: context.brokers,
        group: offsetsGroup,
        subscription: [kept, dropped],
        expected: new Map([[kept, [2, 3]], [dropped, [4, 1]]]),
        members: [{ clientId: `${offsetsGroup}-client` }],
        config: classic,
      })),
      ...(await runConsumerGroup({
        brokers: context.brokers,
        group: classicGroup,
        subscription: [kept],
        expected: new Map([[kept, [2, 3]]]),
        members: [{ clientId: `${classicGroup}-client` }],
        config: classic,
      })),
    ];
    const consumerTopic = await topicWithRecords(context, `${prefix}-single`, [5]);
    commits.push(...(await consumerProtocolGroup(context, consumerGroup, consumerTopic, [5], 1)));
    await context.tools.run("consumerGroups", ["--bootstrap-server", context.brokers, "--delete-offsets", "--group", offsetsGroup, "--topic", dropped]);
    await context.tools.run("consumerGroups", ["--bootstrap-server", context.brokers, "--delete", "--group", classicGroup]);
    await context.tools.run("consumerGroups", ["--bootstrap-server", context.brokers, "--delete", "--group", consumerGroup]);
    const expectations: ScenarioExpectations = {
      ...noExpectations(),
      commits,
      deletedOffsets: [0, 1].map((partition) => ({ group: offsetsGroup, topic: dropped, partition })),
      deletedGroups: [
        { group: classicGroup, protocol: "classic" },
        { group: consumerGroup, protocol: "consumer" },
      ],
      recordTypes: [1, 2, 3],
    };
    return expectations;
  },
};

/** Every workload, in the order the capture runs them. */
export const SCENARIOS: readonly Scenario[] = [
  classicScenario("classic-range", "classic group, two librdkafka members, range assignor, commits with metadata", "range", [[3, 4, 5, 6]], 2, {
    metadata: "kafkesc capture",
  }),
  classicScenario(
    "classic-roundrobin",
    "classic group, roundrobin assignor over two topics: two librdkafka members, then a third joins (eager rebalance)",
    "roundrobin",
    [[2, 3], [4, 1]],
    2,
    { lateMember: true },
  ),
  classicScenario(
    "classic-cooperative-sticky",
    "classic group, cooperative-sticky assignor: two librdkafka members, then a third joins (incremental rebalance, owned partitions)",
    "cooperative-sticky",
    [[5, 4, 3, 2]],
    2,
    { lateMember: true },
  ),
  classicScenario("classic-static", "classic group with static membership (group.instance.id), two librdkafka members", "range", [[2, 6]], 2, {
    staticMembers: true,
  }),
  classicJava,
  consumerProtocol,
  consumerRegex,
  transactions,
  shareGroup,
  streamsGroup,
  deletion,
];
