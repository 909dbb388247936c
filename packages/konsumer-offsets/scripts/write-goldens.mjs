// Writes the golden records of test/golden.test.ts: for every record type, value version and layout, one realistic
// record (a payments service's consumer group, a fraud-checking share group, an order-enriching streams app), as
// test/fixtures/golden/<NN>-<Name>/v<version>[-<layout>].{key.bin,value.bin,json}, and one tombstone per record type;
// the same for `__share_group_state` under test/fixtures/golden/share-state/.
// Run it once after adding a record type, version or layout (npm run goldens:write -w packages/konsumer-offsets), then
// review the diff and commit the files: the test only reads them, and fails when one is missing.
// It reads the built package (dist/), so the npm script builds first.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { decode, decodeShareState, encode, encodeConsumerAssignment, encodeConsumerSubscription, encodeShareState, SHARE_STATE_RECORD_SPECS, toJsonValue } from "../dist/index.js";
import { RECORD_SPECS } from "../dist/records.js";
import { parseVersions } from "../dist/schema/model.js";

const DIR = new URL("../test/fixtures/golden/", import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// The cast: names, ids and times a Kafka operator would recognise.
// ---------------------------------------------------------------------------------------------------------------
const GROUP = "payments-consumer"; // a classic / KIP-848 consumer group
const SHARE_GROUP = "fraud-checkers"; // a KIP-932 share group
const STREAMS_GROUP = "order-enricher"; // a KIP-1071 streams application
const ORDERS = { topicId: "b5tsWIPnQ5-PWYrZ7AqX3g", topicName: "orders" };
const PAYMENTS = { topicId: "Xx4xRF9eS1OPy3tT9zyyRQ", topicName: "payments" };
const RETIRED = { topicId: "l0yUgn3yQZGuz47dw6E02A", topicName: "orders-retry" };
const CLASSIC_MEMBER_1 = "payments-service-1-6f1c2b8e-3d4a-4c1e-9b7f-2a5d8e0c4f31";
const CLASSIC_MEMBER_2 = "payments-service-2-0b9e7d42-81c5-4a6f-b3e0-d54c2f6a9e18";
const MEMBER = "q1lJ3n1eQjyPJ8cbS9Kk0g"; // KIP-848 member ids are UUIDs the client picks
const SHARE_MEMBER = "3mTAXgkNR8m0Qmv2SWzV7A";
const STREAMS_MEMBER = "sQ0bZ5CnTbWiz4cDrzEvjw";
const NOW = 1767225600000n; // 2026-01-01T00:00:00Z, in ms
const OFFSET = 1_204_331n;

const metadata = (topic, partitions) => ({
  ...topic,
  numPartitions: partitions,
  partitionMetadata: Array.from({ length: partitions }, (_, partition) => ({ partition, racks: ["eu-west-1a", "eu-west-1b", "eu-west-1c"].slice(partition % 2, (partition % 2) + 2) })),
});

/** A classic member whose subscription and assignment speak the consumer protocol version of its era. */
function classicMember(memberId, clientId, host, groupVersion, partitions, instanceId) {
  const protocolVersion = groupVersion >= 3 ? 3 : groupVersion === 2 ? 1 : 0;
  const subscription = {
    version: protocolVersion,
    topics: ["orders", "payments"],
    userData: null,
    ownedPartitions: protocolVersion >= 1 ? [{ topic: "orders", partitions }] : [],
    generationId: protocolVersion >= 2 ? 41 : -1,
    rackId: protocolVersion >= 3 ? "eu-west-1a" : null,
  };
  const assignment = { version: protocolVersion, assignedPartitions: [{ topic: "orders", partitions }, { topic: "payments", partitions: [partitions[0]] }], userData: null };
  return {
    memberId,
    groupInstanceId: groupVersion >= 3 ? instanceId : null,
    clientId,
    clientHost: host,
    rebalanceTimeout: groupVersion >= 1 ? 300_000 : -1,
    sessionTimeout: 45_000,
    subscription: { kind: "consumer", ...subscription, bytes: encodeConsumerSubscription(subscription) },
    assignment: { kind: "consumer", ...assignment, bytes: encodeConsumerAssignment(assignment) },
  };
}

const offsetCommit = (version) => ({
  version,
  offset: OFFSET,
  leaderEpoch: version >= 3 ? 17 : -1,
  metadata: "",
  commitTimestamp: NOW + 4_512n,
  expireTimestamp: version === 1 ? NOW + 4_512n + 604_800_000n : -1n, // v1: retention asked by the client (7 days)
  ...(version >= 4 ? { topicId: ORDERS.topicId } : {}),
});

const groupMetadata = (version) => ({
  version,
  protocolType: "consumer",
  generation: 42,
  protocol: version >= 2 ? "cooperative-sticky" : "range",
  leader: CLASSIC_MEMBER_1,
  currentStateTimestamp: version >= 2 ? NOW + 1_250n : -1n,
  members: [
    classicMember(CLASSIC_MEMBER_1, "payments-service-1", "/10.20.3.17", version, [0, 1, 2], "payments-pod-0"),
    classicMember(CLASSIC_MEMBER_2, "payments-service-2", "/10.20.3.18", version, [3, 4, 5], null),
  ],
});

/** Key and value of each record type, by layout (undefined: the only layout), for a value version. */
const RECORDS = {
  OffsetCommit: { key: { group: GROUP, topic: "orders", partition: 3 }, value: offsetCommit },
  GroupMetadata: { key: { group: GROUP }, value: groupMetadata },
  ConsumerGroupMetadata: { key: { groupId: GROUP }, value: (version) => ({ version, epoch: 12, metadataHash: 6_872_553_921_004_417_211n }) },
  ConsumerGroupPartitionMetadata: { key: { groupId: GROUP }, value: (version) => ({ version, topics: [metadata(ORDERS, 6), metadata(PAYMENTS, 3)] }) },
  ConsumerGroupMemberMetadata: {
    key: { groupId: GROUP, memberId: MEMBER },
    value: (version) => ({
      version,
      instanceId: null,
      rackId: "eu-west-1a",
      clientId: "payments-service-1",
      clientHost: "/10.20.3.17",
      subscribedTopicNames: ["orders", "payments"],
      subscribedTopicRegex: null,
      rebalanceTimeoutMs: 300_000,
      serverAssignor: "uniform",
      classicMemberMetadata: null, // Kafka 4.x writes the null explicitly for consumer-protocol members
    }),
  },
  ConsumerGroupTargetAssignmentMetadata: { key: { groupId: GROUP }, value: (version) => ({ version, assignmentEpoch: 12, assignmentTimestamp: NOW + 1_480n }) },
  ConsumerGroupTargetAssignmentMember: {
    key: { groupId: GROUP, memberId: MEMBER },
    value: (version) => ({ version, topicPartitions: [{ topicId: ORDERS.topicId, partitions: [0, 1, 2] }, { topicId: PAYMENTS.topicId, partitions: [0] }] }),
  },
  ConsumerGroupCurrentMemberAssignment: {
    key: { groupId: GROUP, memberId: MEMBER },
    value: (version) => ({
      version,
      memberEpoch: 12,
      previousMemberEpoch: 11,
      state: 0,
      assignedPartitions: [{ topicId: ORDERS.topicId, partitions: [0, 1, 2], assignmentEpochs: [12, 12, 11] }],
      partitionsPendingRevocation: [{ topicId: PAYMENTS.topicId, partitions: [1], assignmentEpochs: [10] }],
    }),
  },
  ShareGroupPartitionMetadata: {
    key: { groupId: SHARE_GROUP },
    value: (version, layout) =>
      layout === "3.9"
        ? { version, layout, initializedTopics: [{ ...ORDERS, partitions: [0, 1, 2, 3, 4, 5] }], deletingTopics: [RETIRED] }
        : { version, layout, topics: [metadata(ORDERS, 6)] },
  },
  ShareGroupMemberMetadata: {
    key: { groupId: SHARE_GROUP, memberId: SHARE_MEMBER },
    value: (version) => ({ version, rackId: null, clientId: "fraud-checker-7", clientHost: "/10.20.4.9", subscribedTopicNames: ["orders"] }),
  },
  ShareGroupMetadata: {
    key: { groupId: SHARE_GROUP },
    value: (version, layout) => (layout === "4.0" ? { version, layout, epoch: 5 } : { version, layout, epoch: 5, metadataHash: -2_117_450_385_907_812_330n }),
  },
  ShareGroupTargetAssignmentMetadata: { key: { groupId: SHARE_GROUP }, value: (version) => ({ version, assignmentEpoch: 5, assignmentTimestamp: NOW + 2_010n }) },
  ShareGroupTargetAssignmentMember: {
    key: { groupId: SHARE_GROUP, memberId: SHARE_MEMBER },
    value: (version) => ({ version, topicPartitions: [{ topicId: ORDERS.topicId, partitions: [0, 1, 2, 3, 4, 5] }] }),
  },
  ShareGroupCurrentMemberAssignment: {
    key: { groupId: SHARE_GROUP, memberId: SHARE_MEMBER },
    value: (version) => ({ version, memberEpoch: 5, previousMemberEpoch: 4, state: 0, assignedPartitions: [{ topicId: ORDERS.topicId, partitions: [0, 1, 2, 3, 4, 5] }] }),
  },
  ShareGroupStatePartitionMetadata: {
    key: { groupId: SHARE_GROUP },
    value: (version, layout) =>
      layout === "4.0"
        ? { version, layout, initializedTopics: [{ ...ORDERS, partitions: [0, 1, 2, 3, 4, 5] }], deletingTopics: [RETIRED] }
        : {
            version,
            layout,
            initializingTopics: [{ ...PAYMENTS, partitions: [0, 1, 2] }],
            initializedTopics: [{ ...ORDERS, partitions: [0, 1, 2, 3, 4, 5] }],
            deletingTopics: [RETIRED],
          },
  },
  ConsumerGroupRegularExpression: {
    key: { groupId: GROUP, regularExpression: "orders\\..*" },
    value: (version) => ({ version, topics: ["orders.eu", "orders.us"], resolvedVersion: 48_213n, timestamp: NOW + 980n }),
  },
  StreamsGroupMetadata: {
    key: { groupId: STREAMS_GROUP },
    value: (version) => ({
      version,
      epoch: 7,
      metadataHash: 3_541_200_977_612_004_381n,
      validatedTopologyEpoch: 1,
      lastAssignmentConfigs: [{ key: "num.standby.replicas", value: "1" }],
      storedDescriptionTopologyEpoch: -1,
      failedDescriptionTopologyEpoch: -1,
    }),
  },
  StreamsGroupPartitionMetadata: { key: { groupId: STREAMS_GROUP }, value: (version) => ({ version, topics: [metadata(ORDERS, 6)] }) },
  StreamsGroupMemberMetadata: {
    key: { groupId: STREAMS_GROUP, memberId: STREAMS_MEMBER },
    value: (version) => ({
      version,
      instanceId: null,
      rackId: "eu-west-1b",
      clientId: "order-enricher-StreamThread-1-consumer",
      clientHost: "/10.20.5.2",
      rebalanceTimeoutMs: 300_000,
      topologyEpoch: 1,
      processId: "5f6c1f0e-2b9d-4f34-9a55-6f3e8a1c7d20",
      userEndpoint: { host: "order-enricher-0.order-enricher", port: 8080 },
      clientTags: [{ key: "zone", value: "eu-west-1b" }],
    }),
  },
  StreamsGroupTargetAssignmentMetadata: { key: { groupId: STREAMS_GROUP }, value: (version) => ({ version, assignmentEpoch: 7, assignmentTimestamp: NOW + 3_300n }) },
  StreamsGroupTargetAssignmentMember: {
    key: { groupId: STREAMS_GROUP, memberId: STREAMS_MEMBER },
    value: (version) => ({
      version,
      activeTasks: [{ subtopologyId: "0", partitions: [0, 1, 2] }, { subtopologyId: "1", partitions: [0, 1, 2] }],
      standbyTasks: [{ subtopologyId: "0", partitions: [3] }],
      warmupTasks: [],
    }),
  },
  StreamsGroupCurrentMemberAssignment: {
    key: { groupId: STREAMS_GROUP, memberId: STREAMS_MEMBER },
    value: (version) => ({
      version,
      memberEpoch: 7,
      previousMemberEpoch: 6,
      state: 0,
      activeTasks: [{ subtopologyId: "0", partitions: [0, 1, 2], assignmentEpochs: [7, 7, 6] }],
      standbyTasks: [{ subtopologyId: "0", partitions: [3], assignmentEpochs: null }],
      warmupTasks: [],
      activeTasksPendingRevocation: [],
      standbyTasksPendingRevocation: [],
      warmupTasksPendingRevocation: [],
    }),
  },
  StreamsGroupTopology: {
    key: { groupId: STREAMS_GROUP },
    value: (version) => ({
      version,
      epoch: 1,
      subtopologies: [
        {
          subtopologyId: "0",
          sourceTopics: ["orders"],
          sourceTopicRegex: [],
          stateChangelogTopics: [],
          repartitionSinkTopics: ["order-enricher-by-customer-repartition"],
          repartitionSourceTopics: [],
          copartitionGroups: [],
        },
        {
          subtopologyId: "1",
          sourceTopics: ["customers"],
          sourceTopicRegex: [],
          stateChangelogTopics: [
            { name: "order-enricher-customer-store-changelog", partitions: 0, replicationFactor: 0, topicConfigs: [{ key: "cleanup.policy", value: "compact" }] },
          ],
          repartitionSinkTopics: [],
          repartitionSourceTopics: [{ name: "order-enricher-by-customer-repartition", partitions: 6, replicationFactor: 3, topicConfigs: [] }],
          copartitionGroups: [{ sourceTopics: [0], sourceTopicRegex: [], repartitionSourceTopics: [0] }],
        },
      ],
    }),
  },
  StreamsGroupTargetAssignmentResolvedTopicIds: {
    key: { groupId: STREAMS_GROUP },
    value: (version) => ({ version, assignmentEpoch: 7, resolvedTopicIdsBySubtopology: [{ subtopologyId: "0", topicIds: [ORDERS.topicId] }] }),
  },
};

/** `__share_group_state`: the fraud-checkers' progress on partition 3 of `orders` (snapshot, then an update). */
const SHARE_PARTITION = { groupId: SHARE_GROUP, topicId: ORDERS.topicId, partition: 3 };
const SHARE_STATE = {
  ShareSnapshot: {
    key: SHARE_PARTITION,
    value: (version) => ({
      version,
      snapshotEpoch: 9,
      stateEpoch: 1,
      leaderEpoch: 17,
      startOffset: 88_410n,
      deliveryCompleteCount: 3,
      createTimestamp: NOW - 86_400_000n,
      writeTimestamp: NOW + 5_020n,
      stateBatches: [
        { firstOffset: 88_410n, lastOffset: 88_414n, deliveryState: 0, deliveryCount: 1 }, // available again after a release
        { firstOffset: 88_415n, lastOffset: 88_417n, deliveryState: 2, deliveryCount: 1 }, // acknowledged
        { firstOffset: 88_418n, lastOffset: 88_418n, deliveryState: 4, deliveryCount: 5 }, // archived: delivery limit reached
      ],
    }),
  },
  ShareUpdate: {
    key: SHARE_PARTITION,
    value: (version) => ({
      version,
      snapshotEpoch: 9,
      leaderEpoch: -1, // unchanged
      startOffset: -1n, // unchanged
      deliveryCompleteCount: 4,
      stateBatches: [{ firstOffset: 88_410n, lastOffset: 88_410n, deliveryState: 2, deliveryCount: 2 }],
    }),
  },
};

// ---------------------------------------------------------------------------------------------------------------

/** Folder of a record type's goldens. */
const folder = (spec) => `${String(spec.recordType).padStart(2, "0")}-${spec.name}`;

/** Encodes the draft, decodes it back (the form `decode` gives), and writes bytes and pretty JSON under `base`. */
function write(dir, base, draft, codec = { encode, decode }) {
  const { key, value } = codec.encode(draft);
  const record = codec.decode(key, value);
  if (record.value?.layout !== draft.value?.layout) throw new Error(`${base}: layout ${draft.value.layout} reads back as ${record.value?.layout}; pick other values`);
  writeFileSync(new URL(`${base}.key.bin`, dir), key);
  if (value !== null) writeFileSync(new URL(`${base}.value.bin`, dir), value);
  writeFileSync(new URL(`${base}.json`, dir), `${pretty(toJsonValue(record))}\n`);
}

/** Indented JSON, with arrays of numbers and strings on one line (`"partitions": [0, 1, 2]`). */
function pretty(json) {
  return JSON.stringify(json, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, items) => `[${items.split(/,\s+/).join(", ")}]`);
}

for (const entry of readdirSync(DIR)) rmSync(new URL(entry, DIR), { recursive: true });
let files = 0;
for (const spec of RECORD_SPECS) {
  const builder = RECORDS[spec.name];
  if (builder === undefined) throw new Error(`no golden record for ${spec.name}: add one to scripts/write-goldens.mjs`);
  const dir = new URL(`${folder(spec)}/`, DIR);
  mkdirSync(dir, { recursive: true });
  for (const layout of spec.values) {
    const { low, high } = parseVersions(layout.spec.validVersions);
    for (let version = low; version <= high; version++) {
      const value = builder.value(version, layout.layout);
      write(dir, `v${version}${layout.layout ? `-${layout.layout}` : ""}`, { type: spec.name, recordType: spec.recordType, key: builder.key, tombstone: false, value });
      files++;
    }
  }
  write(dir, "tombstone", { type: spec.name, recordType: spec.recordType, key: builder.key, tombstone: true, value: null });
  files++;
}
const SHARE = { encode: encodeShareState, decode: decodeShareState };
for (const spec of SHARE_STATE_RECORD_SPECS) {
  const builder = SHARE_STATE[spec.name];
  if (builder === undefined) throw new Error(`no golden record for ${spec.name}: add one to scripts/write-goldens.mjs`);
  const dir = new URL(`share-state/${folder(spec)}/`, DIR);
  mkdirSync(dir, { recursive: true });
  const { low, high } = parseVersions(spec.value.validVersions);
  for (let version = low; version <= high; version++) {
    write(dir, `v${version}`, { type: spec.name, key: builder.key, tombstone: false, value: builder.value(version) }, SHARE);
    files++;
  }
  write(dir, "tombstone", { type: spec.name, key: builder.key, tombstone: true, value: null }, SHARE);
  files++;
}
console.log(`wrote ${files} golden records in ${DIR.pathname}`);
