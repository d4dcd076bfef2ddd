/** Camera and microphone: open once per visit or shift, stop on the way out, toggle without renegotiating. */

/** 640×480 is plenty for a face on a kiosk link and keeps a poor site network usable. */
export const CALL_MEDIA_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } },
};

export type MediaErrorCode = 'MEDIA_DENIED' | 'MEDIA_NOT_FOUND' | 'MEDIA_BUSY' | 'MEDIA_FAILED';

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    cause: unknown,
  ) {
    super(`camera or microphone unavailable (${code})`, { cause });
    this.name = 'MediaError';
  }
}

function codeOf(error: unknown): MediaErrorCode {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'MEDIA_DENIED';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'MEDIA_NOT_FOUND';
  if (name === 'NotReadableError' || name === 'AbortError') return 'MEDIA_BUSY';
  return 'MEDIA_FAILED';
}

/**
 * Opens camera and microphone. If the caller gave up meanwhile (the visitor pressed
 * Start over), the tracks are stopped at once so the camera light never stays on.
 */
export async function openCameraAndMicrophone(
  mediaDevices: Pick<MediaDevices, 'getUserMedia'>,
  signal?: AbortSignal,
): Promise<MediaStream> {
  let stream: MediaStream;
  try {
    stream = await mediaDevices.getUserMedia(CALL_MEDIA_CONSTRAINTS);
  } catch (error) {
    throw new MediaError(codeOf(error), error);
  }
  if (signal?.aborted) {
    stopStream(stream);
    throw new MediaError('MEDIA_FAILED', signal.reason);
  }
  return stream;
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Muting disables the track rather than removing it: the other side keeps its layout, nothing renegotiates. */
export function setMicrophoneEnabled(stream: MediaStream | null | undefined, enabled: boolean): void {
  for (const track of stream?.getAudioTracks() ?? []) track.enabled = enabled;
}

export function setCameraEnabled(stream: MediaStream | null | undefined, enabled: boolean): void {
  for (const track of stream?.getVideoTracks() ?? []) track.enabled = enabled;
}
