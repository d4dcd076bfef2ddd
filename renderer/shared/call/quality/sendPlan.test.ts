import { describe, expect, it } from 'vitest';
import { applySendPlan, type VideoSenderLike } from './sendPlan.js';

const camera = { kind: 'video', id: 'camera' } as MediaStreamTrack;

function fakeSender(encodings: RTCRtpEncodingParameters[] = [{ active: true }]) {
  const log: string[] = [];
  const sender: VideoSenderLike & { parameters: RTCRtpSendParameters; track: MediaStreamTrack | null } = {
    track: camera,
    parameters: { transactionId: 't1', encodings, codecs: [], headerExtensions: [], rtcp: {} },
    getParameters() {
      return structuredClone(this.parameters);
    },
    async setParameters(parameters) {
      log.push(`set scale=${parameters.encodings[0]?.scaleResolutionDownBy} pref=${parameters.degradationPreference}`);
      this.parameters = parameters;
    },
    async replaceTrack(track) {
      log.push(`track=${track ? track.id : 'none'}`);
      this.track = track;
    },
  };
  return { sender, log };
}

describe('applying a send plan to the video sender', () => {
  it('lowers the resolution while asking the encoder to keep the frame rate', async () => {
    const { sender, log } = fakeSender();
    await applySendPlan(sender, { sendScale: 2, audioOnly: false }, camera);
    expect(log).toEqual(['set scale=2 pref=maintain-framerate']);
    expect(sender.parameters.encodings[0]?.scaleResolutionDownBy).toBe(2);
  });

  it('lifts a frame-rate cap under the sign-language floor', async () => {
    const { sender } = fakeSender([{ maxFramerate: 5 }]);
    await applySendPlan(sender, { sendScale: 1.5, audioOnly: false }, camera);
    expect(sender.parameters.encodings[0]?.maxFramerate).toBe(12);
  });

  it('does not touch a sender already as planned', async () => {
    const { sender, log } = fakeSender([{ scaleResolutionDownBy: 1.5 }]);
    sender.parameters.degradationPreference = 'maintain-framerate';
    await applySendPlan(sender, { sendScale: 1.5, audioOnly: false }, camera);
    expect(log).toEqual([]);
  });

  it('audio-only takes the camera off the sender, and back gives it back', async () => {
    const { sender, log } = fakeSender();
    await applySendPlan(sender, { sendScale: 3, audioOnly: true }, camera);
    expect(sender.track).toBeNull();
    await applySendPlan(sender, { sendScale: 3, audioOnly: false }, camera);
    expect(sender.track).toBe(camera);
    expect(log).toEqual(['track=none', 'track=camera', 'set scale=3 pref=maintain-framerate']);
  });

  it('waits for a negotiated encoding before scaling', async () => {
    const { sender, log } = fakeSender([]);
    await applySendPlan(sender, { sendScale: 2, audioOnly: false }, camera);
    expect(log).toEqual([]);
  });
});
