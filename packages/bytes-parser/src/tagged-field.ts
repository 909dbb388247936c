/**
 * One field of a Kafka tagged-field section (KIP-482) that the reader did not handle: its tag and its raw bytes.
 * `BytesParser.readTaggedFields` returns these; `BytesWriter.writeTaggedFields` writes them back unchanged.
 */
export interface TaggedField {
  /** The field's tag (an unsigned varint on the wire). */
  readonly tag: number;
  /** The field's bytes, without tag and size. A zero-copy view when it comes from a parser. */
  readonly data: Uint8Array;
}
