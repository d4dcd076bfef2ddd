import type { Page } from 'playwright-core';

export interface RemoteMediaProof {
  decodedFrames: number;
  width: number;
  audioTrackStates: string[];
}

/**
 * Waits (bounded) until the <video> with this test id shows decoded remote frames, then reports
 * what the page really received: frames counted by the decoder and the remote audio tracks.
 */
export async function waitForRemoteMedia(page: Page, testId: string, timeoutMs = 30_000): Promise<RemoteMediaProof> {
  await page.waitForFunction(
    (id) => {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
      return !!video && video.srcObject instanceof MediaStream && video.getVideoPlaybackQuality().totalVideoFrames > 0;
    },
    testId,
    { timeout: timeoutMs },
  );
  return page.evaluate(async (id) => {
    const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`)!;
    // One more presented frame proves frames keep arriving, not just a single stale one.
    await new Promise<void>((done) => video.requestVideoFrameCallback(() => done()));
    const stream = video.srcObject as MediaStream;
    return {
      decodedFrames: video.getVideoPlaybackQuality().totalVideoFrames,
      width: video.videoWidth,
      audioTrackStates: stream.getAudioTracks().map((t) => t.readyState),
    };
  }, testId);
}

/**
 * Both call screens are up and each side decodes the other's video and holds a live remote audio
 * track. Returns what each side received, for assertions of its own.
 */
export async function waitForTwoWayCall(kiosk: Page, agent: Page): Promise<{ atKiosk: RemoteMediaProof; atAgent: RemoteMediaProof }> {
  await Promise.all([kiosk.getByTestId('screen-call').waitFor(), agent.getByTestId('screen-call').waitFor()]);
  const [atKiosk, atAgent] = await Promise.all([waitForRemoteMedia(kiosk, 'remote-video'), waitForRemoteMedia(agent, 'remote-video')]);
  for (const [side, proof] of [['kiosk', atKiosk], ['agent', atAgent]] as const) {
    if (!(proof.decodedFrames > 0 && proof.width > 0 && proof.audioTrackStates.includes('live'))) {
      throw new Error(`The ${side} did not receive live media: ${JSON.stringify(proof)}`);
    }
  }
  return { atKiosk, atAgent };
}
