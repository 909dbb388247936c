/**
 * The Kafka client of every Kafkesc tool, Confluent's librdkafka binding (`@confluentinc/kafka-javascript`), as the
 * tools and the harness import it: they depend on kafka-io for it, not on the binding. npm gives each package of a
 * global install a tree of its own, so every package that named the binding built its own copy of the native client:
 * five of them when the packed packages are installed together, each from source where no prebuilt binary downloads.
 * Now only kafka-io's tree holds one.
 */
export { KafkaJS, RdKafka } from "@confluentinc/kafka-javascript";
