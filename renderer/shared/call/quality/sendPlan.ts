import { MIN_SIGN_LANGUAGE_FPS } from './qualityLevel.js';

/** What our outgoing video should be: the quality plan's step, or the visitor's own audio-only choice. */
export interface SendPlan {
  sendScale: number;
  audioOnly: boolean;
}

/** The part of RTCRtpSender the plan touches: tests hand in a fake. */
export interface VideoSenderLike {
  readonly track: MediaStreamTrack | null;
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

export const sendPlanKey = (plan: SendPlan): string => (plan.audioOnly ? 'audio-only' : `scale:${plan.sendScale}`);

/**
 * Applies a plan to our video sender. Audio-only takes the camera track off the sender (no
 * frame leaves, nothing renegotiates; the microphone is untouched) and puts it back after.
 * Resolution goes down by `scaleResolutionDownBy`; the frame rate is protected: the encoder is
 * told to keep it (`maintain-framerate`) and a cap under the sign-language floor is lifted.
 */
export async function applySendPlan(sender: VideoSenderLike, plan: SendPlan, cameraTrack: MediaStreamTrack | null): Promise<void> {
  const wanted = plan.audioOnly ? null : cameraTrack;
  if (sender.track !== wanted) await sender.replaceTrack(wanted);
  if (plan.audioOnly) return;
  const parameters = sender.getParameters();
  // Before the first negotiation there is no encoding to scale; the next plan will find one.
  if (parameters.encodings.length === 0) return;
  const encodings = parameters.encodings.map((encoding) => ({
    ...encoding,
    scaleResolutionDownBy: plan.sendScale,
    ...(encoding.maxFramerate !== undefined && encoding.maxFramerate < MIN_SIGN_LANGUAGE_FPS ? { maxFramerate: MIN_SIGN_LANGUAGE_FPS } : {}),
  }));
  const unchanged =
    parameters.degradationPreference === 'maintain-framerate' &&
    encodings.every((encoding, index) => {
      const before = parameters.encodings[index];
      return before?.scaleResolutionDownBy === encoding.scaleResolutionDownBy && before.maxFramerate === encoding.maxFramerate;
    });
  if (unchanged) return;
  await sender.setParameters({ ...parameters, encodings, degradationPreference: 'maintain-framerate' });
}
