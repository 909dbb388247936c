import { EXIT_FAILURE, EXIT_USAGE, KafkescError } from "@kafkesc/kafka-io";

/** Stable codes of every failure kommitted reports. */
export type KommittedErrorCode =
  | "INVALID_FLAG" // a command-line flag or environment variable has a bad value
  | "UI_FILES_MISSING" // the web page's script (http/ui/app.js) is not installed beside the code
  | "KAFKA_REQUEST_FAILED" // an admin or consumer request to Kafka failed
  | "OFFSETS_TOPIC_NOT_FOUND" // the topic to read offsets from does not exist
  | "HTTP_LISTEN_FAILED"; // the HTTP server could not bind its address

/**
 * kommitted's own failures: a stable `code`, a message for people, and the context it happened in. Failures of Kafka
 * clients (unreachable brokers, refused credentials, TLS) are kafka-io's classes; all extend `KafkescError`.
 */
export class KommittedError extends KafkescError {
  /** Stable machine-readable code. */
  declare readonly code: KommittedErrorCode;
  /** Values that explain the failure (flag name and value, topic, request...). */
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: KommittedErrorCode, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, code === "INVALID_FLAG" ? EXIT_USAGE : EXIT_FAILURE, options);
    this.context = context;
  }
}
