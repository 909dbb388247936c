/**
 * A minimal Kafka client for one request: Metadata v4 (non-flexible, accepted by every release from 0.11 to 4.4;
 * see clients/src/main/resources/common/message/MetadataRequest.json and MetadataResponse.json in apache/kafka), with
 * `allow_auto_topic_creation` false: asking about a topic never creates it. (Before v4 a named topic is created by a
 * broker with `auto.create.topics.enable`, Kafka's default, so polling for a deleted topic to be gone could bring it back.)
 * The harness uses it to wait for brokers and topics without starting a librdkafka client (which logs and retries
 * on its own while a broker is still down). Encoded and decoded with `@kafkesc/bytes-parser`, Kafka's primitives
 * written once for the whole repo.
 */
import { connect } from "node:net";
import { BytesParser, BytesWriter } from "@kafkesc/bytes-parser";

/** What a broker says about the cluster and the topics asked for. */
export interface ClusterMetadata {
  /** Brokers that are registered and unfenced. */
  brokers: Array<{ nodeId: number; host: string; port: number; rack: string | null }>;
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
  /** Whether Kafka flags it as internal (`__consumer_offsets`, `__transaction_state`...). */
  isInternal: boolean;
  /** Its partitions. */
  partitions: Array<{ errorCode: number; partition: number; leader: number; replicas: number[]; isr: number[] }>;
}

const METADATA_API_KEY = 3;
const METADATA_VERSION = 4;

/**
 * Encodes a Metadata v4 request with its size prefix (request header v1: api key, version, correlation id, client id),
 * auto-creation off.
 */
export function encodeMetadataRequest(correlationId: number, topics: readonly string[], clientId = "kafkesc-harness"): Buffer {
  const body = new BytesWriter()
    .writeInt16(METADATA_API_KEY)
    .writeInt16(METADATA_VERSION)
    .writeInt32(correlationId)
    .writeNullableString(clientId)
    .writeArray(topics, (writer, topic) => writer.writeString(topic))
    .writeBoolean(false) // allow_auto_topic_creation
    .finish();
  const framed = new BytesWriter().writeInt32(body.length).writeBytes(body).finish();
  return Buffer.from(framed.buffer, framed.byteOffset, framed.length);
}

/**
 * Decodes a Metadata v4 response body (after the size prefix; starts with the correlation id). Non-nullable strings
 * holding null, or bytes that end too soon, throw the parser's `BytesParserError` with its offset.
 */
export function decodeMetadataResponse(body: Uint8Array): { correlationId: number; metadata: ClusterMetadata } {
  const p = new BytesParser(body);
  const correlationId = p.readInt32();
  p.skip(4); // throttle_time_ms
  const brokers = p.readArray((b) => ({ nodeId: b.readInt32(), host: b.readString(), port: b.readInt32(), rack: b.readNullableString() }));
  p.readNullableString(); // cluster_id
  const controllerId = p.readInt32();
  const topics = p.readArray((t) => ({
    errorCode: t.readInt16(),
    name: t.readString(),
    isInternal: t.readBoolean(),
    partitions: t.readArray((q) => ({
      errorCode: q.readInt16(),
      partition: q.readInt32(),
      leader: q.readInt32(),
      replicas: q.readArray((r) => r.readInt32()),
      isr: q.readArray((r) => r.readInt32()),
    })),
  }));
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
