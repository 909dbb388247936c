import { describe, expect, it } from "vitest";
import { serverProperties } from "../src/cluster/config.js";
import { aclCommandArguments, javaClientConfig, librdkafkaClientConfig, scramFormatArguments, secureBrokerConfig, securitySettings } from "../src/cluster/security.js";
import { parseKafkaVersion } from "../src/distribution/versions.js";

describe("secure cluster settings", () => {
  it("adds the SASL_SSL listener next to PLAINTEXT and CONTROLLER, advertised, in the protocol map", () => {
    const props = serverProperties({
      nodeId: 1, nodes: [{ nodeId: 1, ports: { broker: 40001, controller: 40002, sasl: 40003 } }], dataDir: "/d", version: parseKafkaVersion("4.4.0"),
    });
    expect(props.get("listeners")).toBe("PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002,SASL_SSL://127.0.0.1:40003");
    expect(props.get("advertised.listeners")).toBe("PLAINTEXT://127.0.0.1:40001,SASL_SSL://127.0.0.1:40003");
    expect(props.get("listener.security.protocol.map")).toBe("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
    expect(props.get("inter.broker.listener.name")).toBe("PLAINTEXT");
  });

  it("renders PLAIN users in the listener's JAAS line, SCRAM users as format arguments, and the authorizer with its super users", () => {
    const settings = securitySettings({ users: { admin: "a-pw", bob: "b-pw" }, authorizer: true });
    expect(secureBrokerConfig(settings, { path: "/tls/broker.p12", password: "k" })).toEqual({
      "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-512",
      "listener.name.sasl_ssl.plain.sasl.jaas.config": 'org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="a-pw" user_bob="b-pw";',
      "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": "org.apache.kafka.common.security.scram.ScramLoginModule required;",
      "listener.name.sasl_ssl.ssl.keystore.location": "/tls/broker.p12",
      "listener.name.sasl_ssl.ssl.keystore.password": "k",
      "listener.name.sasl_ssl.ssl.keystore.type": "PKCS12",
      "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
      "super.users": "User:ANONYMOUS;User:admin",
    });
    expect(scramFormatArguments(settings)).toEqual([
      "--add-scram", "SCRAM-SHA-512=[name=admin,password=a-pw]", "--add-scram", "SCRAM-SHA-512=[name=bob,password=b-pw]",
    ]);
    expect(secureBrokerConfig(securitySettings({}), { path: "p", password: "k" })["authorizer.class.name"]).toBeUndefined();
  });

  it("gives client settings in librdkafka's names and in the Java clients' names", () => {
    expect(librdkafkaClientConfig("127.0.0.1:1", "/ca.pem", "bob", "b-pw", "PLAIN")).toEqual({
      "bootstrap.servers": "127.0.0.1:1", "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "bob", "sasl.password": "b-pw", "ssl.ca.location": "/ca.pem",
    });
    expect(javaClientConfig("127.0.0.1:1", "/ca.pem", "bob", "b-pw", "SCRAM-SHA-512")).toMatchObject({
      "sasl.jaas.config": 'org.apache.kafka.common.security.scram.ScramLoginModule required username="bob" password="b-pw";',
      "ssl.truststore.type": "PEM",
      "ssl.truststore.location": "/ca.pem",
    });
  });

  it("turns ACL specs into AclCommand arguments", () => {
    expect(aclCommandArguments({ principal: "monitor", permission: "deny", operations: ["Read"], topic: "__consumer_offsets" })).toEqual([
      "--add", "--force", "--deny-principal", "User:monitor", "--operation", "Read", "--topic", "__consumer_offsets", "--resource-pattern-type", "literal",
    ]);
    expect(aclCommandArguments({ principal: "User:app", operations: ["All"], topic: "app-", group: "app-", patternType: "prefixed" })).toEqual([
      "--add", "--force", "--allow-principal", "User:app", "--operation", "All", "--topic", "app-", "--group", "app-", "--resource-pattern-type", "prefixed",
    ]);
  });

  it("refuses what cannot work: no users, names or passwords the JAAS and SCRAM syntaxes cannot carry, ACLs without authorizer or resource", () => {
    expect(() => securitySettings({ users: {} })).toThrow(/BAD_OPTIONS: a secure cluster needs at least one user/);
    expect(() => securitySettings({ users: { "a b": "x" } })).toThrow(/user name "a b"/);
    expect(() => securitySettings({ users: { a: 'say "hi"' } })).toThrow(/the password of "a"/);
    expect(() => securitySettings({ users: { a: "p,q" } })).toThrow(/the password of "a"/);
    expect(() => securitySettings({ acls: [{ principal: "a", operations: ["Read"], topic: "t" }] })).toThrow(/ACLs need `authorizer: true`/);
    expect(() => securitySettings({ authorizer: true, acls: [{ principal: "a", operations: ["Read"] }] })).toThrow(/at least one resource/);
    expect(() => securitySettings({ authorizer: true, acls: [{ principal: "a", operations: [], topic: "t" }] })).toThrow(/at least one operation/);
  });
});
