/**
 * Client settings from a properties file and `-c/--config` flags, turned into librdkafka's: the file first, flags
 * over it; Java client settings translated where the mapping is exact; every setting checked by librdkafka itself
 * before anything connects, so that a typo ends with one line naming the key, where it came from and why.
 */
import { readFileSync } from "node:fs";
import { RdKafka } from "@confluentinc/kafka-javascript";
import { ClientSettingError, ConfigFileError, describeCause } from "./errors.js";
import { parseProperties } from "./properties.js";

/** One setting as the user gave it, with where it came from (`-c/--config`, `client.properties:3`, `KSUNAMI_CONFIG`). */
export interface SettingEntry {
  readonly key: string;
  readonly value: string;
  readonly source: string;
}

/** librdkafka settings ready for a client, and where each came from (for error messages). */
export interface ClientSettings {
  /** librdkafka property names and values. */
  readonly config: Readonly<Record<string, string>>;
  /** Where each key of `config` came from. */
  readonly sources: ReadonlyMap<string, string>;
}

/** No settings at all. */
export const NO_SETTINGS: ClientSettings = { config: {}, sources: new Map() };

/** `KEY=VALUE` or `KEY:VALUE`, split at the first of either (so values keep theirs: JAAS lines, paths, URLs). */
export function parseSettingFlag(text: string, source: string): SettingEntry {
  const separator = /[:=]/.exec(text);
  const key = separator === null ? "" : text.slice(0, separator.index).trim();
  if (separator === null || key === "") throw new ClientSettingError(text, source, "expected KEY=VALUE or KEY:VALUE");
  return { key, value: text.slice(separator.index + 1), source };
}

/** Reads a properties file of client settings (as Kafka's own `client.properties`). */
export function readSettingsFile(file: string): SettingEntry[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigFileError(file, undefined, `cannot read it (${(error as NodeJS.ErrnoException).code ?? describeCause(error)})`);
  }
  return parseProperties(text, file).map((entry) => ({ key: entry.key, value: entry.value, source: `${file}:${entry.line}` }));
}

/** What the command line gave: an optional file, then flags (later ones win), with the flags' source label. */
export interface SettingsInput {
  /** `--config-file`. */
  readonly file?: string | undefined;
  /** `-c/--config` values, in order. */
  readonly flags?: readonly string[] | undefined;
  /** How to name the flags in errors (`-c/--config`, or the environment variable they came from). */
  readonly flagSource?: string;
}

/** The file's settings, then the flags', translated from Java where needed. */
export function resolveClientSettings(input: SettingsInput): ClientSettings {
  const entries = [
    ...(input.file === undefined || input.file === "" ? [] : readSettingsFile(input.file)),
    ...(input.flags ?? []).map((flag) => parseSettingFlag(flag, input.flagSource ?? "-c/--config")),
  ];
  return translateJavaSettings(entries);
}

/** Java-only settings and what to use instead (or why to drop them). */
const JAVA_ONLY: Readonly<Record<string, string>> = {
  "key.serializer": "a Java class; these tools write and read bytes themselves: remove it",
  "value.serializer": "a Java class; these tools write and read bytes themselves: remove it",
  "key.deserializer": "a Java class; these tools write and read bytes themselves: remove it",
  "value.deserializer": "a Java class; these tools write and read bytes themselves: remove it",
  "interceptor.classes": "Java classes have no librdkafka counterpart: remove it",
  "metric.reporters": "Java classes have no librdkafka counterpart: remove it",
  "sasl.login.callback.handler.class": "a Java class; for OAUTHBEARER use librdkafka's sasl.oauthbearer.method=oidc with sasl.oauthbearer.client.id, sasl.oauthbearer.client.secret and sasl.oauthbearer.token.endpoint.url",
  "sasl.client.callback.handler.class": "a Java class; for OAUTHBEARER use librdkafka's sasl.oauthbearer.* settings",
  "sasl.login.class": "a Java class with no librdkafka counterpart: remove it",
  "ssl.keymanager.algorithm": "Java's key manager has no librdkafka counterpart (OpenSSL is used): remove it",
  "ssl.trustmanager.algorithm": "Java's trust manager has no librdkafka counterpart (OpenSSL is used): remove it",
  "ssl.secure.random.implementation": "a Java setting with no librdkafka counterpart: remove it",
  "ssl.provider": "a Java security provider; librdkafka uses OpenSSL: remove it",
  "security.providers": "Java security providers; librdkafka uses OpenSSL: remove it",
  "ssl.engine.factory.class": "a Java class; librdkafka uses OpenSSL: remove it",
  "ssl.protocol": "librdkafka negotiates the highest TLS version OpenSSL allows: remove it",
  "ssl.enabled.protocols": "librdkafka negotiates the highest TLS version OpenSSL allows: remove it",
  "ssl.truststore.password": "only a JKS or PKCS12 truststore has a password, and librdkafka reads neither: see ssl.truststore.location",
};

/**
 * Merges entries (later wins) and translates Java client settings whose librdkafka form is exact:
 * `sasl.jaas.config` with the PLAIN or SCRAM login module → `sasl.username`/`sasl.password`;
 * `ssl.truststore.location` of type PEM → `ssl.ca.location`; `ssl.truststore.certificates` → `ssl.ca.pem`;
 * `ssl.keystore.*` of type PKCS12 → librdkafka's own (PKCS#12) `ssl.keystore.*`; PEM keystore strings → `ssl.*.pem`;
 * `ssl.endpoint.identification.algorithm=` (empty, Java's "off") → `none`. Anything else Java-only is an error that
 * says what to use instead.
 */
export function translateJavaSettings(entries: readonly SettingEntry[]): ClientSettings {
  const merged = new Map<string, SettingEntry>();
  for (const entry of entries) {
    merged.delete(entry.key); // keep the order of the last occurrence
    merged.set(entry.key, entry);
  }
  const config: Record<string, string> = {};
  const sources = new Map<string, string>();
  const set = (key: string, value: string, source: string) => {
    config[key] = value;
    sources.set(key, source);
  };
  const take = (key: string) => {
    const entry = merged.get(key);
    merged.delete(key);
    return entry;
  };

  const jaas = take("sasl.jaas.config");
  if (jaas !== undefined) {
    for (const key of ["sasl.username", "sasl.password"]) {
      if (merged.has(key)) throw new ClientSettingError("sasl.jaas.config", jaas.source, `set either sasl.jaas.config or ${key} (from ${merged.get(key)?.source}), not both`);
    }
    const credentials = jaasCredentials(jaas);
    set("sasl.username", credentials.username, jaas.source);
    set("sasl.password", credentials.password, jaas.source);
  }

  const truststoreType = take("ssl.truststore.type");
  const truststore = take("ssl.truststore.location");
  if (truststore !== undefined) {
    const type = (truststoreType?.value ?? "JKS").trim().toUpperCase();
    if (type !== "PEM") throw new ClientSettingError("ssl.truststore.location", truststore.source, storeAdvice(type, truststore.value, "truststore"));
    set("ssl.ca.location", truststore.value, truststore.source);
  }
  const certificates = take("ssl.truststore.certificates");
  if (certificates !== undefined) set("ssl.ca.pem", certificates.value, certificates.source);
  if (truststoreType !== undefined && truststore === undefined && certificates === undefined && truststoreType.value.trim().toUpperCase() !== "PEM") {
    throw new ClientSettingError("ssl.truststore.type", truststoreType.source, storeAdvice(truststoreType.value.trim().toUpperCase(), "FILE", "truststore"));
  }
  const truststorePassword = merged.get("ssl.truststore.password");
  if (truststorePassword !== undefined && (truststoreType?.value.trim().toUpperCase() === "PEM" || certificates !== undefined)) merged.delete("ssl.truststore.password");

  const keystoreType = take("ssl.keystore.type");
  if (keystoreType !== undefined) {
    // Without a type, ssl.keystore.location is librdkafka's own (PKCS#12) setting and passes through unchanged.
    const type = keystoreType.value.trim().toUpperCase();
    const location = merged.get("ssl.keystore.location");
    if (type === "JKS" && location !== undefined) throw new ClientSettingError("ssl.keystore.location", location.source, storeAdvice(type, location.value, "keystore"));
    if (type === "PEM" && location !== undefined) {
      throw new ClientSettingError("ssl.keystore.location", location.source, "a PEM keystore file: set ssl.certificate.location and ssl.key.location (and ssl.key.password if the key is encrypted) instead");
    }
    if (type !== "PKCS12" && type !== "PEM" && type !== "JKS") throw new ClientSettingError("ssl.keystore.type", keystoreType.source, `unknown keystore type ${type}`);
  }
  const chain = take("ssl.keystore.certificate.chain");
  if (chain !== undefined) set("ssl.certificate.pem", chain.value, chain.source);
  const key = take("ssl.keystore.key");
  if (key !== undefined) set("ssl.key.pem", key.value, key.source);

  const endpoint = merged.get("ssl.endpoint.identification.algorithm");
  if (endpoint !== undefined && endpoint.value.trim() === "") merged.set(endpoint.key, { ...endpoint, value: "none" });

  for (const entry of merged.values()) {
    const advice = JAVA_ONLY[entry.key];
    if (advice !== undefined) throw new ClientSettingError(entry.key, entry.source, `a Java client setting: ${advice}`);
    set(entry.key, entry.value, entry.source);
  }
  return { config, sources };
}

/** What to do with a JKS or PKCS12 store, which librdkafka (OpenSSL) does not read as a truststore. */
function storeAdvice(type: string, file: string, store: "truststore" | "keystore"): string {
  if (store === "keystore") {
    return `a ${type} keystore, which librdkafka cannot read: convert it to PKCS12 (keytool -importkeystore -srckeystore ${file} -destkeystore client.p12 -deststoretype PKCS12) and set ssl.keystore.location=client.p12 without ssl.keystore.type`;
  }
  const convert =
    type === "PKCS12"
      ? `openssl pkcs12 -in ${file} -nokeys -out ca.pem`
      : type === "JKS"
        ? `keytool -exportcert -rfc -keystore ${file} -alias ALIAS -file ca.pem`
        : `export its CA certificate as PEM to ca.pem`;
  return `a ${type} truststore, which librdkafka cannot read: export the CA certificate as PEM (${convert}) and set ssl.ca.location=ca.pem`;
}

/** The username and password of a PLAIN or SCRAM `sasl.jaas.config` line. */
function jaasCredentials(entry: SettingEntry): { username: string; password: string } {
  const text = entry.value.trim();
  const module = /^([\w.$]+)\s+(required|requisite|sufficient|optional)\b/.exec(text);
  if (module === null) throw new ClientSettingError("sasl.jaas.config", entry.source, "expected 'LoginModuleClass required key=\"value\" ...;'");
  const className = module[1] as string;
  if (/\.(PlainLoginModule|ScramLoginModule)$/.test(className)) {
    const options = new Map<string, string>();
    const option = /([\w.]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/g;
    for (let match = option.exec(text.slice(module[0].length)); match !== null; match = option.exec(text.slice(module[0].length))) {
      options.set(match[1] as string, match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] as string));
    }
    const username = options.get("username");
    const password = options.get("password");
    if (username === undefined || password === undefined) {
      throw new ClientSettingError("sasl.jaas.config", entry.source, `${className.replace(/.*\./, "")} needs username="..." and password="..."`);
    }
    return { username, password };
  }
  if (className.endsWith(".OAuthBearerLoginModule")) {
    throw new ClientSettingError("sasl.jaas.config", entry.source, "OAuthBearerLoginModule has no exact librdkafka form: set sasl.mechanism=OAUTHBEARER with sasl.oauthbearer.method=oidc, sasl.oauthbearer.client.id, sasl.oauthbearer.client.secret and sasl.oauthbearer.token.endpoint.url");
  }
  if (className.endsWith(".Krb5LoginModule")) {
    throw new ClientSettingError("sasl.jaas.config", entry.source, "Krb5LoginModule has no exact librdkafka form: set sasl.mechanism=GSSAPI with sasl.kerberos.service.name, sasl.kerberos.principal and sasl.kerberos.keytab");
  }
  throw new ClientSettingError("sasl.jaas.config", entry.source, `login module ${className} has no librdkafka counterpart (PlainLoginModule and ScramLoginModule are translated)`);
}

/** Which kind of native client a configuration is for (librdkafka warns about, and ignores, the other kind's settings). */
export type ClientRole = "producer" | "consumer";

/**
 * Checks a full client configuration with librdkafka (building, not connecting, a client). On a rejection, finds the
 * user's setting at fault by trying each alone, and throws a `ClientSettingError` naming it and where it came from.
 */
export function checkClientConfig(config: object, settings: ClientSettings, role: ClientRole): void {
  const build = (c: object) =>
    role === "producer" ? new RdKafka.Producer(c as RdKafka.ProducerGlobalConfig) : new RdKafka.KafkaConsumer(c as RdKafka.ConsumerGlobalConfig, {});
  try {
    build(config);
    return;
  } catch (error) {
    for (const [key, value] of Object.entries(settings.config)) {
      try {
        build({ [key]: value });
      } catch (alone) {
        throw new ClientSettingError(key, settings.sources.get(key) ?? "-c/--config", hint(key, describeCause(alone)));
      }
    }
    throw new ClientSettingError("(client settings)", "librdkafka", describeCause(error));
  }
}

/** librdkafka's reason, with a pointer for Java names it does not know. */
function hint(key: string, reason: string): string {
  return /No such configuration property/.test(reason) ? `${reason} (librdkafka's settings: https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md)` : reason;
}
