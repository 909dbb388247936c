/**
 * Certificates for secure clusters, made with Debian's `openssl` (OpenSSL 3): a throw-away certificate authority and
 * a broker certificate it signs for `127.0.0.1` and `localhost` (librdkafka checks the host name by default,
 * `ssl.endpoint.identification.algorithm=https`), packed with its key into a PKCS#12 keystore for the broker.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { KafkaHarnessError } from "../errors.js";
import { lastLines, runBounded, whichSync } from "../process/executables.js";

/** A certificate authority: its PEM certificate (what clients trust) and private key. */
export interface CertificateAuthority {
  /** PEM certificate, for `ssl.ca.location`. */
  certPath: string;
  /** PEM private key (unencrypted). */
  keyPath: string;
}

/** A broker's TLS material. */
export interface BrokerKeystore {
  /** PKCS#12 keystore: the broker's key, its certificate and the CA's. */
  keystorePath: string;
  /** The keystore's password. */
  keystorePassword: string;
  /** The broker's PEM certificate alone. */
  certPath: string;
}

/** Validity of everything made here: long enough for any test run or demo, short enough to be useless if leaked. */
const VALID_DAYS = "7";

/** Runs `openssl args` in `dir`; `CERTIFICATE_FAILED` with its output when it fails or is missing. */
async function openssl(dir: string, args: string[]): Promise<void> {
  const command = whichSync("openssl");
  if (!command) throw new KafkaHarnessError("CERTIFICATE_FAILED", "no `openssl` on PATH: install it (`apt-get install openssl`; scripts/setup.sh does)");
  const outcome = await runBounded(command, args, { timeoutMs: 30_000, cwd: dir });
  if (outcome.kind !== "exited" || outcome.exitCode !== 0) {
    const why = outcome.kind === "exited" ? `exited with ${String(outcome.exitCode)}` : outcome.kind === "timeout" ? "timed out" : outcome.error.message;
    throw new KafkaHarnessError("CERTIFICATE_FAILED", `openssl ${args[0] ?? ""} ${why}`, { path: dir, logTail: lastLines(`${outcome.stdout}\n${outcome.stderr}`, 15) });
  }
}

/** Makes a self-signed certificate authority named `name` in `dir` (`<name>.pem`, `<name>.key`). */
export async function createCertificateAuthority(dir: string, name = "kafkesc-test-ca"): Promise<CertificateAuthority> {
  mkdirSync(dir, { recursive: true });
  const ca = { certPath: join(dir, `${name}.pem`), keyPath: join(dir, `${name}.key`) };
  await openssl(dir, [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", VALID_DAYS, "-subj", `/CN=${name}`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    "-keyout", ca.keyPath, "-out", ca.certPath,
  ]);
  return ca;
}

/**
 * Makes a broker key and certificate in `dir`, signed by `ca`, for `CN=127.0.0.1` with
 * `subjectAltName=IP:127.0.0.1,DNS:localhost`, and packs them (with the CA) into `broker.p12`.
 */
export async function createBrokerKeystore(dir: string, ca: CertificateAuthority): Promise<BrokerKeystore> {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, "broker.key");
  const csr = join(dir, "broker.csr");
  const extensions = join(dir, "broker.ext");
  const keystore: BrokerKeystore = { keystorePath: join(dir, "broker.p12"), keystorePassword: randomBytes(12).toString("hex"), certPath: join(dir, "broker.pem") };
  writeFileSync(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  await openssl(dir, ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", csr]);
  await openssl(dir, [
    "x509", "-req", "-in", csr, "-CA", ca.certPath, "-CAkey", ca.keyPath, "-set_serial", `0x${randomBytes(8).toString("hex")}`,
    "-days", VALID_DAYS, "-extfile", extensions, "-out", keystore.certPath,
  ]);
  await openssl(dir, [
    "pkcs12", "-export", "-in", keystore.certPath, "-inkey", key, "-certfile", ca.certPath, "-name", "broker",
    "-passout", `pass:${keystore.keystorePassword}`, "-out", keystore.keystorePath,
  ]);
  return keystore;
}
