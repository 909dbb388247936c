/**
 * A minimal Kafka client for one request: Metadata v1 (non-flexible, accepted by every release from 0.10 to 4.4;
 * see clients/src/main/resources/common/message/MetadataRequest.json and MetadataResponse.json in apache/kafka).
 * The harness uses it to wait for brokers and topics without starting a librdkafka client (which logs and retries
 * on its own while a broker is still down).
 */
import { connect } from "node:net";

/** What a broker says about the cluster and the topics asked for. */
export interface ClusterMetadata {
  /** Brokers that are registered and unfenced. */
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  /** Active controller id as the broker sees it (-1 when unknown; KRaft brokers report a random broker). */
  controllerId: number;
  /** The topics asked for. */
  topics: TopicMetadata[];
}

/** One topic in a metadata response. */
export interface TopicMetadata {
  /** Kafka error code for the topic (0 = none, 3 = UNKNOWN_TOPIC_OR_PARTITION, 5 = LEADER_NOT_AVAILABLE). */
  errorCode: number;
  /** Topic name. */
  name: string;
  /** Its partitions. */
  partitions: Array<{ errorCode: number; partition: number; leader: number; replicas: number[]; isr: number[] }>;
}

const METADATA_API_KEY = 3;
const METADATA_VERSION = 1;

/** Encodes a Metadata v1 request with its size prefix (request header v1: api key, version, correlation id, client id). */
export function encodeMetadataRequest(correlationId: number, topics: readonly string[], clientId = "kafkesc-harness"): Buffer {
  const client = Buffer.from(clientId, "utf8");
  const names = topics.map((topic) => Buffer.from(topic, "utf8"));
  const size = 2 + 2 + 4 + 2 + client.length + 4 + names.reduce((sum, name) => sum + 2 + name.length, 0);
  const out = Buffer.alloc(4 + size);
  let at = out.writeInt32BE(size, 0);
  at = out.writeInt16BE(METADATA_API_KEY, at);
  at = out.writeInt16BE(METADATA_VERSION, at);
  at = out.writeInt32BE(correlationId, at);
  at = out.writeInt16BE(client.length, at);
  at += client.copy(out, at);
  at = out.writeInt32BE(names.length, at);
  for (const name of names) {
    at = out.writeInt16BE(name.length, at);
    at += name.copy(out, at);
  }
  return out;
}

/** Decodes a Metadata v1 response body (after the size prefix; starts with the correlation id). */
export function decodeMetadataResponse(body: Buffer): { correlationId: number; metadata: ClusterMetadata } {
  let at = 0;
  const int16 = () => { const v = body.readInt16BE(at); at += 2; return v; };
  const int32 = () => { const v = body.readInt32BE(at); at += 4; return v; };
  const string = (): string => {
    const length = int16();
    if (length < 0) return "";
    const text = body.toString("utf8", at, at + length);
    at += length;
    return text;
  };
  const array = <T>(read: () => T): T[] => {
    const count = int32();
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(read());
    return items;
  };
  const correlationId = int32();
  const brokers = array(() => {
    const nodeId = int32();
    const host = string();
    const port = int32();
    string(); // rack
    return { nodeId, host, port };
  });
  const controllerId = int32();
  const topics = array(() => {
    const errorCode = int16();
    const name = string();
    at += 1; // is_internal
    const partitions = array(() => ({ errorCode: int16(), partition: int32(), leader: int32(), replicas: array(int32), isr: array(int32) }));
    return { errorCode, name, partitions };
  });
  return { correlationId, metadata: { brokers, controllerId, topics } };
}

/** Asks the broker at `host:port` for metadata of `topics` (none: brokers only); rejects on any failure or after `timeoutMs`. */
export function fetchMetadata(host: string, port: number, topics: readonly string[] = [], timeoutMs = 2_000): Promise<ClusterMetadata> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    let received = 0;
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    const finish = (error: Error | undefined, metadata?: ClusterMetadata) => {
      socket.destroy();
      if (error) reject(error);
      else if (metadata) resolve(metadata);
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no metadata answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.on("error", (error) => finish(error));
    socket.on("connect", () => socket.write(encodeMetadataRequest(correlationId, topics)));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 4) return;
      const all = Buffer.concat(chunks);
      const size = all.readInt32BE(0);
      if (all.length < 4 + size) return;
      try {
        const response = decodeMetadataResponse(all.subarray(4, 4 + size));
        if (response.correlationId !== correlationId) throw new Error(`correlation id ${response.correlationId}, expected ${correlationId}`);
        finish(undefined, response.metadata);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.on("close", () => finish(new Error(`${host}:${port} closed the connection before answering`)));
  });
}
