/**
 * Secure clusters: a `SASL_SSL` client listener (PLAIN and SCRAM-SHA-512 over TLS) next to the `PLAINTEXT` one that
 * the harness and set-up tools keep using, optional ACLs (KRaft's `StandardAuthorizer`), and the client settings
 * that go with them, in librdkafka's names and in the Java clients'. Pure functions; `cluster.ts` runs them.
 */
import { KafkaHarnessError } from "../errors.js";

/** The SASL mechanisms a secure cluster enables, each for every user. */
export const SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-512"] as const;
/** One of {@link SASL_MECHANISMS}. */
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Users of a secure cluster when none are given: `admin` (a super user when ACLs are on) and `alice`. */
export const DEFAULT_USERS: Readonly<Record<string, string>> = { admin: "admin-secret", alice: "alice-secret" };

/** The listener name of the secure client listener, as it appears in `listener.name.<name>.*` settings. */
export const SECURE_LISTENER = "SASL_SSL";

/** Options of a secure cluster (`startKafka({ security: {...} })`). */
export interface SecurityOptions {
  /** SASL users, name -> password, each with PLAIN and SCRAM-SHA-512 credentials (default {@link DEFAULT_USERS}). */
  users?: Record<string, string>;
  /**
   * Turns authorization on (`StandardAuthorizer`): only super users and what ACLs allow. Super users are the
   * `PLAINTEXT` listener's principal `ANONYMOUS` (the harness's own set-up path) and {@link superUsers}.
   */
  authorizer?: boolean;
  /** Users who may do anything when {@link authorizer} is on (default `["admin"]`, if such a user exists). */
  superUsers?: string[];
  /** ACLs added once the cluster is up (needs {@link authorizer}). */
  acls?: AclSpec[];
}

/** One ACL rule, in Kafka's terms (`AclCommand`): a principal allowed or denied operations on one resource. */
export interface AclSpec {
  /** User name (`monitor`) or full principal (`User:monitor`). */
  principal: string;
  /** `allow` (default) or `deny`; a deny wins over any allow. */
  permission?: "allow" | "deny";
  /** Kafka operation names: `Read`, `Write`, `Create`, `Delete`, `Alter`, `Describe`, `DescribeConfigs`, `All`... */
  operations: string[];
  /**
   * Resources, at least one: a topic (`*` for all), a consumer group, the cluster, a transactional id; each operation
   * applies to each resource named (so it must be valid for each: `Write` is not, on a group).
   */
  topic?: string;
  /** Consumer group name, or `*`. */
  group?: string;
  /** The cluster resource itself. */
  cluster?: boolean;
  /** Transactional id, or `*`. */
  transactionalId?: string;
  /** `literal` (default) or `prefixed` (the name is a prefix). */
  patternType?: "literal" | "prefixed";
}

/** The security settings after defaults and checks. */
export interface SecuritySettings {
  /** Name -> password. */
  users: Readonly<Record<string, string>>;
  /** Authorization on or off. */
  authorizer: boolean;
  /** User names that are super users (besides `ANONYMOUS`). */
  superUsers: readonly string[];
  /** ACLs to add after start. */
  acls: readonly AclSpec[];
}

/** Characters a user name may hold (Kafka principal names in JAAS, SCRAM and ACL command lines). */
const NAME = /^[A-Za-z0-9._-]+$/;
/** Characters a password may hold: anything printable but what the JAAS and SCRAM syntaxes quote or split on. */
const PASSWORD = /^[^\s"\\,[\]=;]+$/;

/** Applies the defaults and checks names, passwords and ACLs; `BAD_OPTIONS` on anything unusable. */
export function securitySettings(options: SecurityOptions): SecuritySettings {
  const users = options.users ?? DEFAULT_USERS;
  if (Object.keys(users).length === 0) throw new KafkaHarnessError("BAD_OPTIONS", "a secure cluster needs at least one user");
  for (const [name, password] of Object.entries(users)) {
    if (!NAME.test(name)) throw new KafkaHarnessError("BAD_OPTIONS", `user name "${name}" may hold only letters, digits, '.', '_' and '-'`);
    if (!PASSWORD.test(password)) throw new KafkaHarnessError("BAD_OPTIONS", `the password of "${name}" may not be empty nor hold spaces or any of " \\ , [ ] = ;`);
  }
  const authorizer = options.authorizer ?? false;
  const superUsers = options.superUsers ?? (users.admin !== undefined ? ["admin"] : []);
  const acls = options.acls ?? [];
  if (acls.length > 0 && !authorizer) throw new KafkaHarnessError("BAD_OPTIONS", "ACLs need `authorizer: true`");
  for (const acl of acls) aclCommandArguments(acl); // checks each one now, before any JVM starts
  return { users, authorizer, superUsers, acls };
}

/** The `server.properties` entries of the secure listener (its port goes into `listeners` in `config.ts`). */
export function secureBrokerConfig(settings: SecuritySettings, keystore: { path: string; password: string }): Record<string, string> {
  const prefix = `listener.name.${SECURE_LISTENER.toLowerCase()}`;
  const plainUsers = Object.entries(settings.users).map(([name, password]) => `user_${name}="${password}"`).join(" ");
  const config: Record<string, string> = {
    "sasl.enabled.mechanisms": SASL_MECHANISMS.join(","),
    [`${prefix}.plain.sasl.jaas.config`]: `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    [`${prefix}.scram-sha-512.sasl.jaas.config`]: "org.apache.kafka.common.security.scram.ScramLoginModule required;",
    [`${prefix}.ssl.keystore.location`]: keystore.path,
    [`${prefix}.ssl.keystore.password`]: keystore.password,
    [`${prefix}.ssl.keystore.type`]: "PKCS12",
  };
  if (settings.authorizer) {
    config["authorizer.class.name"] = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    config["super.users"] = ["User:ANONYMOUS", ...settings.superUsers.map((name) => `User:${name}`)].join(";");
  }
  return config;
}

/** `kafka-storage format` arguments that store every user's SCRAM-SHA-512 credential in the bootstrap metadata (KIP-900, Kafka 3.5+). */
export function scramFormatArguments(settings: SecuritySettings): string[] {
  return Object.entries(settings.users).flatMap(([name, password]) => ["--add-scram", `SCRAM-SHA-512=[name=${name},password=${password}]`]);
}

/** Client settings in librdkafka's names for `user` over `mechanism`, trusting the CA at `caPath`. */
export function librdkafkaClientConfig(bootstrapServers: string, caPath: string, user: string, password: string, mechanism: SaslMechanism): Record<string, string> {
  return {
    "bootstrap.servers": bootstrapServers,
    "security.protocol": "SASL_SSL",
    "sasl.mechanism": mechanism,
    "sasl.username": user,
    "sasl.password": password,
    "ssl.ca.location": caPath,
  };
}

/** The same client settings in the Java clients' names (for Kafka's own tools: `--command-config`, `--consumer.config`). */
export function javaClientConfig(bootstrapServers: string, caPath: string, user: string, password: string, mechanism: SaslMechanism): Record<string, string> {
  const module = mechanism === "PLAIN" ? "org.apache.kafka.common.security.plain.PlainLoginModule" : "org.apache.kafka.common.security.scram.ScramLoginModule";
  return {
    "bootstrap.servers": bootstrapServers,
    "security.protocol": "SASL_SSL",
    "sasl.mechanism": mechanism,
    "sasl.jaas.config": `${module} required username="${user}" password="${password}";`,
    "ssl.truststore.type": "PEM",
    "ssl.truststore.location": caPath,
  };
}

/** A `client.properties` text: a comment saying what it is for, then the settings. */
export function clientPropertiesText(config: Record<string, string>, comment: string): string {
  const lines = Object.entries(config).map(([key, value]) => `${key}=${value}`);
  return `# ${comment}\n${lines.join("\n")}\n`;
}

/** `AclCommand` arguments (after `--bootstrap-server`) that add `acl`; `BAD_OPTIONS` when it names no resource or no operation. */
export function aclCommandArguments(acl: AclSpec): string[] {
  const resources: string[][] = [];
  if (acl.topic !== undefined) resources.push(["--topic", acl.topic]);
  if (acl.group !== undefined) resources.push(["--group", acl.group]);
  if (acl.cluster) resources.push(["--cluster"]);
  if (acl.transactionalId !== undefined) resources.push(["--transactional-id", acl.transactionalId]);
  if (resources.length === 0) throw new KafkaHarnessError("BAD_OPTIONS", `an ACL names at least one resource (topic, group, cluster or transactionalId): ${JSON.stringify(acl)}`);
  if (acl.operations.length === 0) throw new KafkaHarnessError("BAD_OPTIONS", `an ACL needs at least one operation: ${JSON.stringify(acl)}`);
  const principal = acl.principal.includes(":") ? acl.principal : `User:${acl.principal}`;
  return [
    "--add", "--force",
    acl.permission === "deny" ? "--deny-principal" : "--allow-principal", principal,
    ...acl.operations.flatMap((operation) => ["--operation", operation]),
    ...resources.flat(),
    "--resource-pattern-type", acl.patternType ?? "literal",
  ];
}
