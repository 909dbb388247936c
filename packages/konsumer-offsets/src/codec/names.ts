/**
 * The intern table of the names the decoder meets again and again: group ids and topics in keys, topics in members'
 * subscriptions and assignments. Its own table (not the process-wide one), so that no other parser's strings evict them.
 * @module
 */
import { StringCache } from "@kafkesc/bytes-parser";

/** Bounded: 8192 slots of strings up to 64 bytes; a collision replaces a slot. */
export const NAMES = new StringCache({ slots: 8192, maxBytes: 64 });
