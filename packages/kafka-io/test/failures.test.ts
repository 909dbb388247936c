/** How librdkafka's troubles become typed failures, repeated errors one log line, and retries a bounded backoff. */
import { RdKafka } from "@confluentinc/kafka-javascript";
import { describe, expect, it } from "vitest";
import { AuthenticationError, BrokersUnreachableError, EXIT_FAILURE, SaslMechanismError, TlsError, formatFailure } from "../src/errors.js";
import { RepeatedErrorLog, fatalClientError, fatalLogLine, withRepeats } from "../src/failures.js";
import { RETRIABLE_ERROR_CODES, isRetriable, withRetry } from "../src/retry.js";

const E = RdKafka.CODES.ERRORS;
const context = { brokers: "k1:9093", config: { "sasl.mechanism": "SCRAM-SHA-512", "ssl.ca.location": "/etc/kafka/ca.pem" } };

describe("librdkafka's error log lines", () => {
  it("an untrusted certificate is a TlsError naming the CA file and the broker", () => {
    const error = fatalLogLine("[thrd:ssl://k1:9093/bootstrap]: ssl://k1:9093/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed (after 7ms in state SSL_HANDSHAKE)", context);
    expect(error).toBeInstanceOf(TlsError);
    expect(error?.exitCode).toBe(EXIT_FAILURE);
    expect(error?.message).toBe("TLS handshake with k1:9093 failed (trusting the CA in /etc/kafka/ca.pem): ssl://k1:9093/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed (after 7ms in state SSL_HANDSHAKE)");
  });

  it("a wrong password is an AuthenticationError naming the mechanism", () => {
    const error = fatalLogLine("sasl_ssl://k1:9093/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512", context);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toMatch(/^authentication with SCRAM-SHA-512 failed at k1:9093: /);
  });

  it("a mechanism the broker does not enable is a SaslMechanismError", () => {
    const error = fatalLogLine("sasl_ssl://k1:9093/bootstrap: SASL SCRAM-SHA-512 mechanism handshake failed: Broker: Unsupported SASL mechanism: broker's supported mechanisms: PLAIN", context);
    expect(error).toBeInstanceOf(SaslMechanismError);
    expect(error?.code).toBe("SASL_MECHANISM_UNSUPPORTED");
  });

  it("a refused connection may pass: no fatal failure", () => {
    expect(fatalLogLine("k1:9093/bootstrap: Connect to ipv4#127.0.0.1:9093 failed: Connection refused (after 0ms in state CONNECT)", context)).toBeUndefined();
  });
});

describe("librdkafka's error codes", () => {
  it("classifies refusals and leaves transport trouble to the connect timeout", () => {
    expect(fatalClientError({ code: E.ERR__SSL, message: "ssl" }, context)).toBeInstanceOf(TlsError);
    expect(fatalClientError({ code: E.ERR__AUTHENTICATION, message: "auth" }, context)).toBeInstanceOf(AuthenticationError);
    expect(fatalClientError({ code: E.ERR_UNSUPPORTED_SASL_MECHANISM, message: "mech" }, context)).toBeInstanceOf(SaslMechanismError);
    expect(fatalClientError({ code: E.ERR_TOPIC_AUTHORIZATION_FAILED, message: "denied" }, context)?.code).toBe("NOT_AUTHORIZED");
    expect(fatalClientError({ code: E.ERR__TRANSPORT, message: "transport" }, context)).toBeUndefined();
    expect(fatalClientError({ code: E.ERR__ALL_BROKERS_DOWN, message: "down" }, context)).toBeUndefined();
  });

  it("a failure prints as one line, the stack only when asked", () => {
    const error = new BrokersUnreachableError("k1:9093", 30_000, "Connection refused");
    expect(formatFailure("kommitted", error)).toBe("kommitted: error [BROKERS_UNREACHABLE]: cannot reach Kafka at k1:9093 within 30 s (last error: Connection refused)");
    expect(formatFailure("kommitted", error, true).split("\n").length).toBeGreaterThan(1);
  });
});

describe("RepeatedErrorLog", () => {
  it("logs a message once, then its repeats as one line per window, and the rest on flush", () => {
    const lines: string[] = [];
    const log = new RepeatedErrorLog((message, repeats) => lines.push(withRepeats(message, repeats)), 10_000);
    log.note("k1:9093/bootstrap: Connect failed: Connection refused (after 1ms in state CONNECT)", 0);
    for (let t = 1; t < 200; t++) log.note(`k1:9093/bootstrap: Connect failed: Connection refused (after ${t}ms in state CONNECT)`, t * 100);
    log.note("another error", 20_000);
    log.flush();
    expect(lines).toEqual([
      "k1:9093/bootstrap: Connect failed: Connection refused (after 1ms in state CONNECT)",
      "k1:9093/bootstrap: Connect failed: Connection refused (after 1ms in state CONNECT) (repeated 100 more times)",
      "another error",
      "k1:9093/bootstrap: Connect failed: Connection refused (after 1ms in state CONNECT) (repeated 99 more times)",
    ]);
  });
});

describe("withRetry", () => {
  it("retries what passes by itself until it succeeds", async () => {
    let attempts = 0;
    const result = await withRetry(async () => {
      attempts++;
      if (attempts < 3) throw { code: E.ERR_LEADER_NOT_AVAILABLE, message: "leader not available" };
      return "ok";
    }, { timeoutMs: 10_000, minDelayMs: 1, maxDelayMs: 5 });
    expect([result, attempts]).toEqual(["ok", 3]);
  });

  it("does not retry what will not pass, and throws the error as it was", async () => {
    let attempts = 0;
    const refusal = { code: E.ERR_TOPIC_AUTHORIZATION_FAILED, message: "denied" };
    await expect(withRetry(async () => {
      attempts++;
      throw refusal;
    }, { timeoutMs: 10_000, minDelayMs: 1 })).rejects.toBe(refusal);
    expect(attempts).toBe(1);
  });

  it("one table of retriable codes", () => {
    expect(RETRIABLE_ERROR_CODES.has(E.ERR_NOT_LEADER_FOR_PARTITION)).toBe(true);
    expect(isRetriable({ code: E.ERR__TIMED_OUT })).toBe(true);
    expect(isRetriable({ code: E.ERR_SASL_AUTHENTICATION_FAILED })).toBe(false);
  });
});
