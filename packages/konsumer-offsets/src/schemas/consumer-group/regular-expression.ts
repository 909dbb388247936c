/**
 * Type 16: a broker-side regular-expression subscription of a consumer group (KIP-848). Mirrors apache/kafka
 * `group-coordinator/src/main/resources/common/message/ConsumerGroupRegularExpressionKey.json` and `...Value.json`.
 * @module
 */
import type { MessageSpec } from "../../schema/model.js";
import { GC, GROUP_ID, flexibleValue } from "../common.js";

/** Key of type 16. A tombstone drops the regex when no member uses it any more. */
export const CONSUMER_GROUP_REGULAR_EXPRESSION_KEY: MessageSpec = {
  name: "ConsumerGroupRegularExpressionKey",
  source: `${GC}/ConsumerGroupRegularExpressionKey.json`,
  validVersions: "0",
  flexibleVersions: "none",
  doc: "Names the group and the regular expression. A tombstone drops the regex when no member uses it.",
  fields: [
    GROUP_ID,
    { name: "regularExpression", kafkaName: "RegularExpression", type: "string", versions: "0", doc: "The regular expression (RE2/J syntax)." },
  ],
};

/** Value of type 16: the topics the regex matched. */
export const CONSUMER_GROUP_REGULAR_EXPRESSION_VALUE: MessageSpec = flexibleValue("ConsumerGroupRegularExpression", [
  { name: "topics", kafkaName: "Topics", type: "[]string", versions: "0+", doc: "The topics the regular expression matched." },
  { name: "resolvedVersion", kafkaName: "Version", type: "int64", versions: "0+", doc: "The metadata image version it was resolved against (Kafka's `Version`, renamed: `version` is the value's version)." },
  { name: "timestamp", kafkaName: "Timestamp", type: "int64", versions: "0+", doc: "When it was resolved, ms since the epoch." },
], "What a consumer group's regular expression resolved to, and when.");
