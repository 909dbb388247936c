import { describe, expect, it } from "vitest";
import { KafkaHarnessError } from "../src/errors.js";
import { DEFAULT_KAFKA_VERSION, groupSupport, kafkaLine, parseKafkaVersion, PINNED_KAFKA_VERSIONS, quorumKind, streamsExamplesVersion } from "../src/distribution/versions.js";
import { bindFailure, randomClusterId } from "../src/cluster/cluster.js";

describe("versions", () => {
  it("pins 4.4.0 as the default and 3.9.2 as the other fetched version", () => {
    expect(DEFAULT_KAFKA_VERSION).toBe("4.4.0");
    expect(PINNED_KAFKA_VERSIONS).toEqual(["4.4.0", "3.9.2"]);
  });

  it("parses MAJOR.MINOR.PATCH and refuses anything else or anything before 3.7 with BAD_VERSION", () => {
    expect(parseKafkaVersion("4.10.2")).toEqual({ text: "4.10.2", major: 4, minor: 10, patch: 2 });
    for (const bad of ["4.4", "4.4.0-rc1", "v4.4.0", "", "latest", "3.6.2", "2.8.0"]) {
      const error = (() => { try { parseKafkaVersion(bad); } catch (e) { return e; } })();
      expect(error, bad).toBeInstanceOf(KafkaHarnessError);
      expect((error as KafkaHarnessError).code).toBe("BAD_VERSION");
    }
  });

  it("enables the group types each release has", () => {
    expect(groupSupport(parseKafkaVersion("3.7.0")).protocols).toEqual(["classic"]);
    expect(groupSupport(parseKafkaVersion("3.9.2")).protocols).toEqual(["classic", "consumer"]);
    expect(groupSupport(parseKafkaVersion("4.0.2")).protocols).toEqual(["classic", "consumer", "share"]);
    expect(groupSupport(parseKafkaVersion("4.1.2"))).toMatchObject({ releaseVersion: "4.1-IV1", features: { "share.version": 1, "streams.version": 1 } });
    expect(groupSupport(parseKafkaVersion("4.4.0"))).toEqual({ protocols: ["classic", "consumer", "share", "streams"], brokerConfig: { "group.streams.initial.rebalance.delay.ms": "0" }, features: {} });
  });

  it("fetches the newest kafka-streams-examples published up to the version", () => {
    expect(streamsExamplesVersion(parseKafkaVersion("4.4.0"))).toBe("4.3.1");
    expect(streamsExamplesVersion(parseKafkaVersion("4.3.0"))).toBe("4.3.0");
    expect(streamsExamplesVersion(parseKafkaVersion("4.1.2"))).toBe("4.0.2");
    expect(streamsExamplesVersion(parseKafkaVersion("4.0.1"))).toBe("4.0.0");
    expect(streamsExamplesVersion(parseKafkaVersion("3.9.2"))).toBe("3.8.0");
    expect(streamsExamplesVersion(parseKafkaVersion("3.7.2"))).toBe("3.7.0");
  });

  it("chooses the Maven profile and the quorum per version and size", () => {
    expect(kafkaLine(parseKafkaVersion("3.9.2"))).toBe(3);
    expect(kafkaLine(parseKafkaVersion("4.0.2"))).toBe(4);
    expect(quorumKind(parseKafkaVersion("4.4.0"), 1)).toBe("standalone");
    expect(quorumKind(parseKafkaVersion("3.9.0"), 1)).toBe("standalone");
    expect(quorumKind(parseKafkaVersion("3.8.1"), 1)).toBe("static");
    expect(quorumKind(parseKafkaVersion("4.4.0"), 3)).toBe("static");
  });
});

describe("cluster helpers", () => {
  it("makes Kafka-style cluster ids: 22 URL-safe base64 characters, never starting with '-'", () => {
    for (let i = 0; i < 200; i++) expect(randomClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });

  it("recognises a failed bind in a broker log, with its port when Kafka names it", () => {
    expect(bindFailure("[2026] ERROR [SocketServer] Socket server failed to bind to 127.0.0.1:40001: Address already in use. (kafka.network.Acceptor)")).toEqual({ port: 40001 });
    expect(bindFailure("java.net.BindException: Address already in use")).toEqual({ port: undefined });
    expect(bindFailure("[2026] INFO Kafka Server started")).toBeUndefined();
  });
});
