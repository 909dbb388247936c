import { describe, expect, it } from "vitest";
import { formatArguments, renderProperties, serverProperties, type NodeLayout } from "../src/cluster/config.js";
import { parseKafkaVersion } from "../src/distribution/versions.js";

const one = [{ nodeId: 1, ports: { broker: 40001, controller: 40002 } }];
const three = [1, 2, 3].map((nodeId) => ({ nodeId, ports: { broker: 41000 + nodeId, controller: 42000 + nodeId } }));
const layout = (version: string, nodes = one, nodeId = 1, brokerConfig?: Record<string, string>): NodeLayout => ({
  nodeId, nodes, dataDir: `/tmp/x/node-${nodeId}/data`, version: parseKafkaVersion(version), brokerConfig,
});

describe("serverProperties", () => {
  it("4.4.0, one node: combined roles on loopback, dynamic quorum, every group type, replication 1", () => {
    const props = serverProperties(layout("4.4.0"));
    expect(Object.fromEntries(props)).toEqual({
      "process.roles": "broker,controller",
      "node.id": "1",
      listeners: "PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002",
      "advertised.listeners": "PLAINTEXT://127.0.0.1:40001",
      "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
      "inter.broker.listener.name": "PLAINTEXT",
      "controller.listener.names": "CONTROLLER",
      "controller.quorum.bootstrap.servers": "127.0.0.1:40002",
      "log.dirs": "/tmp/x/node-1/data",
      "num.partitions": "1",
      "default.replication.factor": "1",
      "offsets.topic.replication.factor": "1",
      "transaction.state.log.replication.factor": "1",
      "transaction.state.log.min.isr": "1",
      "group.initial.rebalance.delay.ms": "0",
      "group.coordinator.rebalance.protocols": "classic,consumer,share,streams",
      "share.coordinator.state.topic.replication.factor": "1",
      "share.coordinator.state.topic.min.isr": "1",
      "group.streams.initial.rebalance.delay.ms": "0",
    });
  });

  it("three nodes: static voters, internal topics replicated 3 times with min ISR 2, own listeners per node", () => {
    const props = serverProperties(layout("4.4.0", three, 2));
    expect(props.get("node.id")).toBe("2");
    expect(props.get("listeners")).toBe("PLAINTEXT://127.0.0.1:41002,CONTROLLER://127.0.0.1:42002");
    expect(props.get("controller.quorum.voters")).toBe("1@127.0.0.1:42001,2@127.0.0.1:42002,3@127.0.0.1:42003");
    expect(props.has("controller.quorum.bootstrap.servers")).toBe(false);
    expect(props.get("offsets.topic.replication.factor")).toBe("3");
    expect(props.get("transaction.state.log.min.isr")).toBe("2");
    expect(props.get("share.coordinator.state.topic.replication.factor")).toBe("3");
    expect(props.get("share.coordinator.state.topic.min.isr")).toBe("2");
  });

  it("per version: 3.9 classic+consumer without share settings, 4.0 share with unstable APIs, 4.1 streams with unstable features", () => {
    const v39 = serverProperties(layout("3.9.2"));
    expect(v39.get("group.coordinator.rebalance.protocols")).toBe("classic,consumer");
    expect([...v39.keys()].filter((k) => k.startsWith("share.") || k.startsWith("unstable."))).toEqual([]);
    expect(v39.get("controller.quorum.bootstrap.servers")).toBe("127.0.0.1:40002");
    const v38 = serverProperties(layout("3.8.1"));
    expect(v38.get("controller.quorum.voters")).toBe("1@127.0.0.1:40002");
    expect(serverProperties(layout("3.7.2")).get("group.coordinator.rebalance.protocols")).toBe("classic");
    const v40 = serverProperties(layout("4.0.2"));
    expect(v40.get("group.coordinator.rebalance.protocols")).toBe("classic,consumer,share");
    expect(v40.get("unstable.api.versions.enable")).toBe("true");
    expect(v40.has("unstable.feature.versions.enable")).toBe(false);
    const v41 = serverProperties(layout("4.1.2"));
    expect(v41.get("group.coordinator.rebalance.protocols")).toBe("classic,consumer,share,streams");
    expect(v41.get("unstable.api.versions.enable")).toBe("true");
    expect(v41.get("unstable.feature.versions.enable")).toBe("true");
    expect(serverProperties(layout("4.2.0")).has("unstable.api.versions.enable")).toBe(false);
    expect(v41.has("group.streams.initial.rebalance.delay.ms")).toBe(false);
  });

  it("lets brokerConfig override any default and add new entries", () => {
    const props = serverProperties(layout("4.4.0", one, 1, { "group.coordinator.rebalance.protocols": "classic", "log.retention.ms": "1000" }));
    expect(props.get("group.coordinator.rebalance.protocols")).toBe("classic");
    expect(props.get("log.retention.ms")).toBe("1000");
  });

  it("refuses a node id missing from the layout", () => {
    expect(() => serverProperties(layout("4.4.0", one, 7))).toThrow(RangeError);
  });
});

describe("renderProperties", () => {
  it("writes key=value lines that java.util.Properties reads back unchanged", () => {
    const text = renderProperties(new Map([["a.b", "1"], ["path", "C:\\dir\\x"], ["odd key=:", "line1\nline2"], ["url", "PLAINTEXT://h:1"]]));
    expect(text).toBe("a.b=1\npath=C:\\\\dir\\\\x\nodd\\ key\\=\\:=line1\\nline2\nurl=PLAINTEXT://h:1\n");
  });
});

describe("formatArguments", () => {
  const base = { clusterId: "AAAAAAAAAAAAAAAAAAAAAA" };
  it("single node from 3.9: --standalone, no release version when the default one has every feature", () => {
    expect(formatArguments("/c/server.properties", { ...base, version: parseKafkaVersion("4.4.0"), nodes: 1 })).toEqual([
      "format", "--cluster-id", "AAAAAAAAAAAAAAAAAAAAAA", "--config", "/c/server.properties", "--ignore-formatted", "--standalone",
    ]);
  });

  it("three nodes: static quorum, no --standalone", () => {
    expect(formatArguments("/c", { ...base, version: parseKafkaVersion("3.9.2"), nodes: 3 })).not.toContain("--standalone");
  });

  it("4.1: the preview release version and features, which the caller can override or extend", () => {
    const v41 = parseKafkaVersion("4.1.2");
    expect(formatArguments("/c", { ...base, version: v41, nodes: 1 }).slice(7)).toEqual([
      "--release-version", "4.1-IV1", "--feature", "share.version=1", "--feature", "streams.version=1",
    ]);
    expect(formatArguments("/c", { ...base, version: v41, nodes: 1, releaseVersion: "4.1-IV0", features: { "streams.version": 0, "eligible.leader.replicas.version": 1 } }).slice(7)).toEqual([
      "--release-version", "4.1-IV0", "--feature", "share.version=1", "--feature", "streams.version=0", "--feature", "eligible.leader.replicas.version=1",
    ]);
  });
});
