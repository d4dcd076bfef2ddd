import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { HOST_ADDRESS, createTestNamespace, launchHostChromium, probeNetns, secureOriginArgs, type TestNamespace } from '../harness/netns.js';
import { startTestServerOn, type TestServer } from '../harness/server.js';

/** The outage: the kiosk's link is down this long, then back. */
const OUTAGE_MS = 5_000;
/**
 * After the link is back: ICE consent failure, the recovery ladder's grace (3 s) and an ICE
 * restart, or a rejoin through the resumed signaling session (held 60 s). Bounded, generous.
 */
const RECOVERY_TIMEOUT_MS = 45_000;
/** Frames already in flight when the link drops are decoded within this. */
const OUTAGE_SETTLE_MS = 1_000;
/** Frames counted over this window must grow by more than a stray frame or two. */
const FRAMES_WINDOW_MS = 2_000;

const netns = probeNetns();
if (!netns.available) {
  console.warn(`\n!!! netns outage test SKIPPED: ${netns.reason}. It needs root, iproute2 and \`ip netns add\`. !!!\n`);
}

function decodedFrames(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')?.getVideoPlaybackQuality().totalVideoFrames ?? 0);
}

/** Frames decoded during a short window: over 10 means video is really flowing, not one stale frame. */
async function framesInWindow(page: Page): Promise<number> {
  const before = await decodedFrames(page);
  await page.waitForTimeout(FRAMES_WINDOW_MS);
  return (await decodedFrames(page)) - before;
}

describe.skipIf(!netns.available)('a call survives a real link outage (kiosk in its own network namespace)', () => {
  let namespace: TestNamespace | undefined;
  let server: TestServer;
  let kioskBrowser: Browser;
  let agentBrowser: Browser;
  let kiosk: Page;
  let agent: Page;

  beforeAll(async () => {
    namespace = createTestNamespace();
    // The namespace reaches the host only through the veth: the server listens on the host end.
    server = await startTestServerOn(HOST_ADDRESS);
    kioskBrowser = await namespace.launchChromium(secureOriginArgs(server.url));
    agentBrowser = await launchHostChromium(secureOriginArgs(server.url));
    kiosk = await (await kioskBrowser.newContext({ viewport: KIOSK_VIEWPORT })).newPage();
    agent = await (await agentBrowser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await acceptNextVisitor(agent, server.agentUrl);
    await waitForTwoWayCall(kiosk, agent);
  }, 90_000);

  afterAll(async () => {
    // Whatever failed above: the link back up is moot, the namespace and veth always go.
    namespace?.remove();
    await kioskBrowser?.close().catch(() => {});
    await agentBrowser?.close().catch(() => {});
    await server?.stop();
  });

  it('the kiosk really lives in the namespace: it reached the server on the veth address', () => {
    expect(new URL(server.kioskUrl).hostname).toBe(HOST_ADDRESS);
  });

  it('recovers media on both sides after the link is down for 5 s', async () => {
    expect(await framesInWindow(kiosk)).toBeGreaterThan(10);

    namespace!.setLink(false);
    try {
      // The outage is real: a second in (frames in flight drained), the agent receives no video.
      await agent.waitForTimeout(OUTAGE_SETTLE_MS);
      expect(await framesInWindow(agent)).toBeLessThan(10);
      await agent.waitForTimeout(OUTAGE_MS - OUTAGE_SETTLE_MS - FRAMES_WINDOW_MS);
    } finally {
      namespace!.setLink(true);
    }

    await expect.poll(() => framesInWindow(agent), { timeout: RECOVERY_TIMEOUT_MS, interval: 0 }).toBeGreaterThan(10);
    await expect.poll(() => framesInWindow(kiosk), { timeout: RECOVERY_TIMEOUT_MS, interval: 0 }).toBeGreaterThan(10);
    // Still the same visit: neither side fell back to its start screen.
    await kiosk.getByTestId('screen-call').waitFor({ timeout: RECOVERY_TIMEOUT_MS });
    await agent.getByTestId('screen-call').waitFor({ timeout: RECOVERY_TIMEOUT_MS });
  }, RECOVERY_TIMEOUT_MS * 2 + OUTAGE_MS + 10_000);
});
