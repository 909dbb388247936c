import { EXIT_USAGE, KafkescError } from "@kafkesc/kafka-io";

/** Stable codes of the ways a ksunami invocation can be wrong, before anything connects to Kafka. */
export type KsunamiOptionsErrorCode =
  | "MISSING_OPTION"
  | "INVALID_NUMBER"
  | "INVALID_RANGE"
  | "INVALID_TRANSITION"
  | "INVALID_GENERATOR"
  | "INVALID_KEY_VALUE"
  | "INVALID_PARTITIONER"
  | "INVALID_KAFKA_CONFIG"
  | "FILE_NOT_READABLE"
  | "EMPTY_WAVE"
  | "INVALID_LOG_LEVEL"
  | "CONFLICTING_OPTIONS"
  | "INVALID_ARGUMENT"
  | "INVALID_TOPIC"
  | "TOPIC_NOT_FOUND"
  | "PARTITION_NOT_FOUND";

/** A bad flag, value or environment variable: ksunami prints `message` and exits with code 2. */
export class KsunamiOptionsError extends KafkescError {
  /** Stable, machine-readable reason. */
  declare readonly code: KsunamiOptionsErrorCode;
  /** The flag at fault, as typed on the command line (e.g. `--min`), when there is one. */
  readonly flag: string | undefined;

  constructor(code: KsunamiOptionsErrorCode, message: string, flag?: string) {
    super(code, message, EXIT_USAGE);
    this.flag = flag;
  }
}
