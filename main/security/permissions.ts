import { isSameOrigin } from './origin.js';

/**
 * Deny by default. The kiosk needs the camera and microphone for the video call, nothing else:
 * no notifications, geolocation, clipboard, screen capture, MIDI, HID, fullscreen requests from the page, ….
 */
const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set(['video', 'audio']);

export interface PermissionRequestFacts {
  permission: string;
  /** details.requestingUrl: the URL of the frame asking. */
  requestingUrl: string | undefined;
  /** details.securityOrigin, set for 'media' requests. */
  securityOrigin?: string | undefined;
  /** details.mediaTypes for 'media' requests. */
  mediaTypes?: readonly string[] | undefined;
}

/** The answer for session.setPermissionRequestHandler. */
export function decidePermissionRequest(facts: PermissionRequestFacts, appOrigin: string): boolean {
  if (facts.permission !== 'media') return false;
  if (!isSameOrigin(facts.requestingUrl, appOrigin)) return false;
  if (facts.securityOrigin !== undefined && !isSameOrigin(facts.securityOrigin, appOrigin)) return false;
  const types = facts.mediaTypes ?? [];
  // An empty list is not camera or microphone (e.g. a capture request with no device type): refuse.
  return types.length > 0 && types.every((type) => ALLOWED_MEDIA_TYPES.has(type));
}

export interface PermissionCheckFacts {
  permission: string;
  /** The requestingOrigin argument of the check handler. */
  requestingOrigin: string | undefined;
  /** details.embeddingOrigin: set only for cross-origin subframes, which are never trusted. */
  embeddingOrigin?: string | undefined;
  securityOrigin?: string | undefined;
  /** details.mediaType: 'video', 'audio' or 'unknown'. */
  mediaType?: string | undefined;
}

/** The answer for session.setPermissionCheckHandler (synchronous "is it granted?" queries, e.g. enumerateDevices labels). */
export function decidePermissionCheck(facts: PermissionCheckFacts, appOrigin: string): boolean {
  if (facts.permission !== 'media') return false;
  if (!isSameOrigin(facts.requestingOrigin, appOrigin)) return false;
  if (facts.embeddingOrigin !== undefined) return false;
  if (facts.securityOrigin !== undefined && !isSameOrigin(facts.securityOrigin, appOrigin)) return false;
  // Electron reports 'unknown' when the check is not about one device type (e.g. enumerateDevices): still ours.
  return facts.mediaType === undefined || facts.mediaType === 'unknown' || ALLOWED_MEDIA_TYPES.has(facts.mediaType);
}
