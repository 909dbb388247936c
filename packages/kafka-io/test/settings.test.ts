/** Client settings: flags over a file, Java settings translated where exact, refusals that say what to use instead. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClientSettingError, ConfigFileError, EXIT_USAGE } from "../src/errors.js";
import type { SettingEntry } from "../src/settings.js";
import { checkClientConfig, parseSettingFlag, resolveClientSettings, translateJavaSettings } from "../src/settings.js";

const entries = (lines: Record<string, string>): SettingEntry[] => Object.entries(lines).map(([key, value], i) => ({ key, value, source: `client.properties:${i + 1}` }));
const translate = (lines: Record<string, string>) => translateJavaSettings(entries(lines)).config;
const refusal = (lines: Record<string, string>): ClientSettingError => {
  try {
    translate(lines);
  } catch (error) {
    if (error instanceof ClientSettingError) return error;
    throw error;
  }
  throw new Error("expected a ClientSettingError");
};

describe("-c/--config values", () => {
  it("split at the first = or :, whichever comes first", () => {
    expect(parseSettingFlag("security.protocol=SASL_SSL", "-c")).toMatchObject({ key: "security.protocol", value: "SASL_SSL" });
    expect(parseSettingFlag("security.protocol:SASL_SSL", "-c")).toMatchObject({ key: "security.protocol", value: "SASL_SSL" });
    expect(parseSettingFlag("ssl.ca.location:/etc/ca=1.pem", "-c")).toMatchObject({ key: "ssl.ca.location", value: "/etc/ca=1.pem" });
    expect(parseSettingFlag('sasl.jaas.config=m required a="b:c";', "-c")).toMatchObject({ value: 'm required a="b:c";' });
  });

  it("refuse a value without a key or without a separator (exit 2)", () => {
    for (const text of ["acks", "=x", ":x"]) {
      const error = (() => {
        try {
          parseSettingFlag(text, "-c/--config");
        } catch (e) {
          return e as ClientSettingError;
        }
        throw new Error("expected an error");
      })();
      expect(error).toBeInstanceOf(ClientSettingError);
      expect(error.exitCode).toBe(EXIT_USAGE);
      expect(error.message).toBe(`-c/--config: ${text}: expected KEY=VALUE or KEY:VALUE`);
    }
  });
});

describe("a file, then flags over it", () => {
  const dir = mkdtempSync(join(tmpdir(), "kafka-io-"));
  const file = join(dir, "client.properties");
  writeFileSync(file, "# a Kafka client.properties\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nclient.id=from-file\n");

  it("merges, flags winning, and remembers where each setting came from", () => {
    const settings = resolveClientSettings({ file, flags: ["client.id:from-flag", "linger.ms=5"] });
    expect(settings.config).toEqual({ "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "client.id": "from-flag", "linger.ms": "5" });
    expect(settings.sources.get("security.protocol")).toBe(`${file}:2`);
    expect(settings.sources.get("client.id")).toBe("-c/--config");
  });

  it("a missing file is a ConfigFileError naming it (exit 2)", () => {
    expect(() => resolveClientSettings({ file: join(dir, "nope.properties") })).toThrow(ConfigFileError);
    expect(() => resolveClientSettings({ file: join(dir, "nope.properties") })).toThrow(`${join(dir, "nope.properties")}: cannot read it (ENOENT)`);
  });
});

describe("Java client settings translated where the mapping is exact", () => {
  it("PlainLoginModule and ScramLoginModule give sasl.username and sasl.password", () => {
    expect(
      translate({
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "PLAIN",
        "sasl.jaas.config": 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";',
      }),
    ).toEqual({ "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "alice", "sasl.password": "alice-secret" });
    expect(
      translate({ "sasl.jaas.config": 'org.apache.kafka.common.security.scram.ScramLoginModule required\n username="bob"  password="p\\"w;d=1";' }),
    ).toEqual({ "sasl.username": "bob", "sasl.password": 'p"w;d=1' });
  });

  it("a PEM truststore is ssl.ca.location; PEM certificates are ssl.ca.pem; Java's empty endpoint algorithm is none", () => {
    expect(translate({ "ssl.truststore.type": "PEM", "ssl.truststore.location": "/etc/kafka/ca.pem", "ssl.endpoint.identification.algorithm": "" })).toEqual({
      "ssl.ca.location": "/etc/kafka/ca.pem",
      "ssl.endpoint.identification.algorithm": "none",
    });
    expect(translate({ "ssl.truststore.type": "PEM", "ssl.truststore.certificates": "-----BEGIN CERTIFICATE-----..." })).toEqual({ "ssl.ca.pem": "-----BEGIN CERTIFICATE-----..." });
  });

  it("a PKCS12 keystore keeps librdkafka's own names; a keystore location without a type passes through", () => {
    expect(translate({ "ssl.keystore.type": "PKCS12", "ssl.keystore.location": "/k.p12", "ssl.keystore.password": "pw" })).toEqual({ "ssl.keystore.location": "/k.p12", "ssl.keystore.password": "pw" });
    expect(translate({ "ssl.keystore.location": "/k.p12" })).toEqual({ "ssl.keystore.location": "/k.p12" });
  });

  it("librdkafka settings pass through untouched", () => {
    expect(translate({ "sasl.username": "u", "sasl.password": "p", "ssl.ca.location": "/ca.pem", "enable.ssl.certificate.verification": "false" })).toEqual({
      "sasl.username": "u",
      "sasl.password": "p",
      "ssl.ca.location": "/ca.pem",
      "enable.ssl.certificate.verification": "false",
    });
  });
});

describe("Java settings with no exact form: a refusal that says what to use instead", () => {
  it.each([
    [{ "ssl.truststore.location": "/ts.jks" }, "ssl.truststore.location", /a JKS truststore, which librdkafka cannot read: export the CA certificate as PEM \(keytool -exportcert -rfc -keystore \/ts\.jks .*\) and set ssl\.ca\.location=ca\.pem/],
    [{ "ssl.truststore.type": "PKCS12", "ssl.truststore.location": "/ts.p12" }, "ssl.truststore.location", /openssl pkcs12 -in \/ts\.p12 -nokeys -out ca\.pem/],
    [{ "ssl.keystore.type": "JKS", "ssl.keystore.location": "/ks.jks" }, "ssl.keystore.location", /convert it to PKCS12/],
    [{ "ssl.keystore.type": "PEM", "ssl.keystore.location": "/ks.pem" }, "ssl.keystore.location", /ssl\.certificate\.location and ssl\.key\.location/],
    [{ "sasl.jaas.config": "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;" }, "sasl.jaas.config", /sasl\.oauthbearer\.method=oidc/],
    [{ "sasl.jaas.config": "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;" }, "sasl.jaas.config", /sasl\.kerberos\.keytab/],
    [{ "sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\";" }, "sasl.jaas.config", /needs username="\.\.\." and password="\.\.\."/],
    [{ "sasl.jaas.config": "username=a" }, "sasl.jaas.config", /expected 'LoginModuleClass required/],
    [{ "sasl.jaas.config": "x.PlainLoginModule required username=a password=b;", "sasl.username": "c" }, "sasl.jaas.config", /set either sasl\.jaas\.config or sasl\.username/],
    [{ "value.deserializer": "org.apache.kafka.common.serialization.StringDeserializer" }, "value.deserializer", /a Java client setting: a Java class; these tools write and read bytes themselves: remove it/],
    [{ "ssl.truststore.password": "changeit" }, "ssl.truststore.password", /librdkafka reads neither/],
  ])("%j", (lines, key, reason) => {
    const error = refusal(lines as Record<string, string>);
    expect(error.key).toBe(key);
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toMatch(new RegExp(`^client\\.properties:\\d: ${key.replace(/\./g, "\\.")}: `));
    expect(error.reason).toMatch(reason);
  });
});

describe("librdkafka checks every setting before anything connects", () => {
  it("names the key at fault and where it came from", () => {
    const settings = translateJavaSettings([
      { key: "linger.ms", value: "5", source: "-c/--config" },
      { key: "security.protcol", value: "SASL_SSL", source: "client.properties:3" },
    ]);
    const check = () => checkClientConfig({ "bootstrap.servers": "x:1", ...settings.config }, settings, "producer");
    expect(check).toThrow(ClientSettingError);
    expect(check).toThrow(/^client\.properties:3: security\.protcol: No such configuration property: "security\.protcol"/);
  });

  it("names a bad value by the user's key (librdkafka names the canonical one)", () => {
    const settings = translateJavaSettings([{ key: "acks", value: "maybe", source: "-c/--config" }]);
    expect(() => checkClientConfig({ ...settings.config }, settings, "producer")).toThrow('-c/--config: acks: Invalid value for configuration property "request.required.acks"');
  });

  it("accepts good settings for a consumer", () => {
    const settings = translateJavaSettings(entries({ "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "u", "sasl.password": "p" }));
    expect(() => checkClientConfig({ "bootstrap.servers": "x:1", "group.id": "g", ...settings.config }, settings, "consumer")).not.toThrow();
  });
});
