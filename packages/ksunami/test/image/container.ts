/** ksunami's image for its image tests: the shared container helpers (docker/test/container.ts) bound to it. */
import { containerImage } from "../../../../docker/test/container.js";

export type { EngineResult, ImageAvailability, ImageConfig, RunOptions, RunningContainer } from "../../../../docker/test/container.js";
export { engine, removeContainer } from "../../../../docker/test/container.js";

const ksunami = containerImage("ksunami");
/** ksunami's version, as its package.json gives it (and as the image is tagged). */
export const KSUNAMI_VERSION = ksunami.version;
/** The image under test: `kafkesc/ksunami:<version>` (namespace from `KAFKESC_IMAGE_NAMESPACE`). */
export const IMAGE = ksunami.image;
/** Whether the image tests can run here, and if not, why. */
export const imageAvailability = ksunami.availability;
/** Reads the image's configuration. */
export const inspectImage = ksunami.inspect;
/** Starts a container of the image in the background. */
export const startContainer = ksunami.start;
/** Runs a container of the image to its end. */
export const runContainer = ksunami.run;
