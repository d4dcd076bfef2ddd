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
