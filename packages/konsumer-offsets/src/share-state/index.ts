/**
 * `__share_group_state` (KIP-932): schema tables, typed records, decoder and encoder.
 * @module
 */
export { decodeShareState, encodeShareState } from "./codec.js";
export type { EncodedShareState } from "./codec.js";
export { SHARE_STATE_RECORD_SPECS } from "./schemas.js";
export type { ShareStateRecordSpec } from "./schemas.js";
export type * from "./types.js";
