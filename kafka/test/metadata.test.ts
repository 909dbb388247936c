import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { decodeMetadataResponse, encodeMetadataRequest, fetchMetadata } from "../src/cluster/metadata.js";

/** A Metadata v4 response body, written field by field per MetadataResponse.json. */
function responseBody(correlationId: number): Buffer {
  const parts: Buffer[] = [];
  const i16 = (v: number) => { const b = Buffer.alloc(2); b.writeInt16BE(v); parts.push(b); };
  const i32 = (v: number) => { const b = Buffer.alloc(4); b.writeInt32BE(v); parts.push(b); };
  const str = (s: string | null) => { if (s === null) return i16(-1); i16(Buffer.byteLength(s)); parts.push(Buffer.from(s)); };
  i32(correlationId);
  i32(0); // throttle_time_ms
  i32(2); // brokers
  i32(1); str("127.0.0.1"); i32(9092); str(null);
  i32(2); str("127.0.0.1"); i32(9093); str("rack-b");
  str("cluster-a"); // cluster_id
  i32(2); // controller id
  i32(1); // topics
  i16(0); str("orders"); parts.push(Buffer.from([0])); // is_internal
  i32(1); // partitions
  i16(0); i32(0); i32(1); i32(2); i32(1); i32(2); i32(1); i32(1);
  return Buffer.concat(parts);
}

describe("Metadata v4", () => {
  it("encodes the request: size, api key 3, version 4, correlation id, client id, topics, auto-creation off", () => {
    const request = encodeMetadataRequest(7, ["ab"], "c");
    expect(request.toString("hex")).toBe(
      "00000014" + "0003" + "0004" + "00000007" + "0001" + "63" + "00000001" + "0002" + "6162" + "00",
    );
  });

  it("decodes brokers, controller and topics", () => {
    expect(decodeMetadataResponse(responseBody(9))).toEqual({
      correlationId: 9,
      metadata: {
        brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }, { nodeId: 2, host: "127.0.0.1", port: 9093, rack: "rack-b" }],
        controllerId: 2,
        topics: [{ errorCode: 0, name: "orders", isInternal: false, partitions: [{ errorCode: 0, partition: 0, leader: 1, replicas: [1, 2], isr: [1] }] }],
      },
    });
  });

  it("rejects a null where the schema has a non-nullable string, and a body that ends early, naming the offset", () => {
    const body = responseBody(9);
    const nullHost = Buffer.from(body);
    nullHost.writeInt16BE(-1, 16); // the first broker's host length (after correlation id, throttle time, broker count, node id)
    expect(() => decodeMetadataResponse(nullHost)).toThrow(expect.objectContaining({ code: "UNEXPECTED_NULL", offset: 16 }));
    expect(() => decodeMetadataResponse(body.subarray(0, body.length - 2))).toThrow(expect.objectContaining({ code: "OUT_OF_BOUNDS" }));
  });

  it("talks to a server over TCP, with responses split across packets", async () => {
    const server = createServer((socket) => {
      socket.once("data", (request) => {
        const body = responseBody(request.readInt32BE(8));
        const framed = Buffer.concat([Buffer.alloc(4), body]);
        framed.writeInt32BE(body.length, 0);
        socket.write(framed.subarray(0, 3));
        setTimeout(() => socket.end(framed.subarray(3)), 20);
      });
    });
    await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const metadata = await fetchMetadata("127.0.0.1", port, ["orders"]);
      expect(metadata.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
    } finally {
      server.close();
    }
  });

  it("rejects when nothing listens, or when the server hangs past the timeout", async () => {
    const server = createServer((socket) => socket.resume()); // reads, never answers
    await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(fetchMetadata("127.0.0.1", port, [], 100)).rejects.toThrow(/within 100 ms/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(fetchMetadata("127.0.0.1", port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
