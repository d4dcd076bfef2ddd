/** Bumped on any change a deployed peer could not understand. */
export const PROTOCOL_VERSION = 1;

/** Frames larger than this are refused before parsing. */
export const MAX_FRAME_BYTES = 64 * 1024;
