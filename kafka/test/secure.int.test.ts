/**
 * Secure clusters from the harness, on each pinned version (one cluster at a time): a SASL_SSL listener with PLAIN
 * and SCRAM-SHA-512 users and a CA made for the cluster, ACLs under StandardAuthorizer. Proven with librdkafka (what
 * the tools use) and with Kafka's own Java tools; wrong credentials, an unknown mechanism and a foreign CA are refused;
 * a `monitor` user denied `__consumer_offsets` still describes groups and their committed offsets.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import KafkaClient, { KafkaJS } from "@confluentinc/kafka-javascript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificateAuthority, PINNED_KAFKA_VERSIONS, startKafka, type KafkaCluster, type SecureAccess } from "../src/index.js";

const suffix = randomBytes(4).toString("hex");
const topic = `secure-orders-${suffix}`;
const group = `secure-readers-${suffix}`;
const users = { admin: "admin-secret", alice: "alice-secret", monitor: "monitor-secret" };

/** A KafkaJS-style client from librdkafka settings (the bootstrap servers become its `brokers`), quiet. */
function client(config: Record<string, string>): KafkaJS.Kafka {
  const { "bootstrap.servers": bootstrap = "", ...rest } = config;
  return new KafkaJS.Kafka({ ...rest, kafkaJS: { brokers: bootstrap.split(","), logLevel: KafkaJS.logLevel.NOTHING } });
}

/** Why librdkafka's first connection with `config` fails: its first `FAIL` log line, or a rejection after 20 s. */
function firstFailure(config: Record<string, string>): Promise<string> {
  const producer = new KafkaClient.Producer({ ...config, log_level: 3, event_cb: true });
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the client reported no failure within 20 s")), 20_000);
    producer.on("event.log", (log) => {
      if (log.fac !== "FAIL") return;
      clearTimeout(timer);
      resolve(log.message);
    });
    producer.connect({ timeout: 3_000 }, () => undefined); // short: the connection is meant to fail
  }).finally(() => {
    if (producer.isConnected()) producer.disconnect();
  });
}

/** Consumes `count` records of `topic` in `groupId` from the beginning, commits, and returns their values. */
async function consume(kafka: KafkaJS.Kafka, groupId: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ kafkaJS: { groupId, fromBeginning: true, autoCommit: true, autoCommitInterval: 100 } });
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${values.length} of ${count} records in 60 s`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value?.toString() ?? "");
          if (values.length === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.commitOffsets();
  } finally {
    await consumer.disconnect();
  }
  return values;
}

describe.each([...PINNED_KAFKA_VERSIONS])("secure Kafka %s", (version) => {
  let cluster: KafkaCluster;
  let secure: SecureAccess;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "kafkesc-secure-test-"));
    cluster = await startKafka({
      version,
      security: {
        users,
        authorizer: true,
        acls: [
          { principal: "alice", operations: ["All"], topic: "secure-", group: "secure-", patternType: "prefixed" },
          { principal: "monitor", operations: ["Read", "Describe"], topic: "*", group: "*" },
          { principal: "monitor", permission: "deny", operations: ["Read"], topic: "__consumer_offsets" },
        ],
      },
    });
    secure = cluster.secure as SecureAccess;
    await cluster.createTopic(topic, { partitions: 2 });
  });

  afterAll(async () => {
    await cluster?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("has a SASL_SSL listener apart from the PLAINTEXT set-up one, a CA for it, and a ready client.properties", () => {
    expect(secure.bootstrapServers).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(secure.bootstrapServers).not.toBe(cluster.bootstrapServers);
    expect(readFileSync(secure.caPath, "utf8")).toContain("BEGIN CERTIFICATE");
    expect(secure.mechanisms).toEqual(["PLAIN", "SCRAM-SHA-512"]);
    expect(readFileSync(secure.clientPropertiesPath, "utf8").split("\n").filter((line) => line && !line.startsWith("#"))).toEqual([
      `bootstrap.servers=${secure.bootstrapServers}`,
      "security.protocol=SASL_SSL",
      "sasl.mechanism=SCRAM-SHA-512",
      "sasl.username=admin",
      "sasl.password=admin-secret",
      `ssl.ca.location=${secure.caPath}`,
    ]);
  });

  it("alice produces over PLAIN and consumes over SCRAM-SHA-512, the broker's certificate checked against the CA and its address", async () => {
    const producer = client(secure.clientConfig("alice", "PLAIN")).producer();
    await producer.connect();
    const sent = Array.from({ length: 6 }, (_, i) => `order-${i}`);
    await producer.send({ topic, messages: sent.map((value, i) => ({ value, partition: i % 2 })) });
    await producer.disconnect();
    const received = await consume(client(secure.clientConfig("alice", "SCRAM-SHA-512")), group, sent.length);
    expect(received.sort()).toEqual(sent);
  });

  it("Kafka's own tools authenticate with the Java settings (SCRAM-SHA-512, PEM truststore)", async () => {
    const config = secure.writeProperties(join(scratch, "java-admin.properties"), secure.javaClientConfig("admin", "SCRAM-SHA-512"));
    const listed = await cluster.runTool("org.apache.kafka.tools.TopicCommand", ["--bootstrap-server", secure.bootstrapServers, "--command-config", config, "--list"]);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout.split("\n")).toContain(topic);
  });

  it("refuses a wrong password (PLAIN and SCRAM), an unknown user, a mechanism it does not enable, and a CA that did not sign it", async () => {
    const wrongPlain = await firstFailure({ ...secure.clientConfig("alice", "PLAIN"), "sasl.password": "not-her-password" });
    expect(wrongPlain).toMatch(/SASL authentication error: Authentication failed: Invalid username or password/);
    const wrongScram = await firstFailure({ ...secure.clientConfig("alice", "SCRAM-SHA-512"), "sasl.password": "not-her-password" });
    expect(wrongScram).toMatch(/SASL authentication error: Authentication failed .*invalid credentials with SASL mechanism SCRAM-SHA-512/);
    const nobody = await firstFailure({ ...secure.clientConfig("alice", "SCRAM-SHA-512"), "sasl.username": "mallory" });
    expect(nobody).toMatch(/SASL authentication error: Authentication failed/);
    const mechanism = await firstFailure({ ...secure.clientConfig("alice", "PLAIN"), "sasl.mechanism": "SCRAM-SHA-256" });
    expect(mechanism).toMatch(/Unsupported SASL mechanism: broker's supported mechanisms: PLAIN,SCRAM-SHA-512/);
    const otherCa = await createCertificateAuthority(scratch, "other-ca");
    const foreign = await firstFailure({ ...secure.clientConfig("alice", "PLAIN"), "ssl.ca.location": otherCa.certPath });
    expect(foreign).toMatch(/SSL handshake failed: .*certificate verify failed/);
  });

  it("a monitor denied __consumer_offsets cannot read it, yet lists and describes groups and fetches their committed offsets", async () => {
    await expect.poll(async () => {
      const admin = client(secure.clientConfig("admin")).admin();
      await admin.connect();
      try {
        return (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions.map((p) => Number(p.offset)).reduce((a, b) => a + b, 0);
      } finally {
        await admin.disconnect();
      }
    }, { timeout: 30_000 }).toBe(6); // the group of the round-trip test committed its 6 records

    const admin = client(secure.clientConfig("monitor", "SCRAM-SHA-512")).admin();
    await admin.connect();
    try {
      const listed = await admin.listGroups();
      expect(listed.groups.map((g) => g.groupId)).toContain(group);
      const described = await admin.describeGroups([group]);
      expect(described.groups.map((g) => [g.groupId, g.error?.message, g.members.length])).toEqual([[group, undefined, 0]]);
      const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      expect(offsets[0]?.partitions.map((p) => Number(p.offset)).reduce((a, b) => a + b, 0)).toBe(6);
    } finally {
      await admin.disconnect();
    }

    const config = secure.writeProperties(join(scratch, "java-monitor.properties"), secure.javaClientConfig("monitor", "PLAIN"));
    const denied = await cluster.runTool("org.apache.kafka.tools.consumer.ConsoleConsumer", [
      "--bootstrap-server", secure.bootstrapServers, "--consumer.config", config, "--topic", "__consumer_offsets", "--from-beginning", "--timeout-ms", "10000",
    ]);
    // The console consumer stops at the error (with exit 0 on 4.4, 1 on 3.9): what it says is what counts.
    expect(denied.stderr).toMatch(/Not authorized to access topics: \[__consumer_offsets\]/);
  });
});
