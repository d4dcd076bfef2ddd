import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { startTestServer, type TestServer } from '../harness/server.js';

/** The app's ICE_DISCONNECTED_GRACE_MS (renderer/shared/call/recovery/recoveryLadder.ts; not in the tests' project). */
const ICE_DISCONNECTED_GRACE_MS = 3_000;
/** Bounded waits: a restart round trip on loopback takes well under a second. */
const RECOVERY_TIMEOUT_MS = ICE_DISCONNECTED_GRACE_MS + 15_000;
const FRAMES_TIMEOUT_MS = 10_000;
/** The quality label appears once the warm-up (6 s) is over. */
const QUALITY_TIMEOUT_MS = 20_000;

type TestWindow = Window & {
  __peerConnections: RTCPeerConnection[];
  /** When set, the connection reports this ICE state instead of its own: a network drop, simulated. */
  __iceOverride: RTCIceConnectionState | undefined;
};

/**
 * Keeps every RTCPeerConnection the page creates and lets the test fake its ICE state (the app
 * reads `iceConnectionState` on each `iceconnectionstatechange`). Runs before the app's scripts.
 */
function instrumentPeerConnections(): void {
  const w = window as unknown as TestWindow;
  const Native = window.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  w.__peerConnections = created;
  w.__iceOverride = undefined;
  const realState = Object.getOwnPropertyDescriptor(Native.prototype, 'iceConnectionState')!.get!;
  window.RTCPeerConnection = class InstrumentedPeerConnection extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      created.push(this);
    }
    override get iceConnectionState(): RTCIceConnectionState {
      return w.__iceOverride ?? (realState.call(this) as RTCIceConnectionState);
    }
  };
}

/** Simulates the network dropping (or coming back) on the page's live connection. */
async function fakeIceState(page: Page, state: RTCIceConnectionState | undefined): Promise<void> {
  await page.evaluate((override) => {
    const w = window as unknown as TestWindow;
    w.__iceOverride = override ?? undefined;
    const pc = w.__peerConnections.find((c) => c.connectionState === 'connected');
    if (!pc) throw new Error('no connected RTCPeerConnection');
    pc.dispatchEvent(new Event('iceconnectionstatechange'));
  }, state ?? null);
}

/** The ICE username fragment of the live connection's local description: a restart changes it. */
function localUfrag(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const pc = (window as unknown as TestWindow).__peerConnections.find((c) => c.connectionState === 'connected');
    return pc?.localDescription?.sdp.match(/a=ice-ufrag:(\S+)/)?.[1];
  });
}

function decodedFrames(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')?.getVideoPlaybackQuality().totalVideoFrames ?? 0);
}

function remoteAudioStates(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const stream = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')?.srcObject;
    return stream instanceof MediaStream ? stream.getAudioTracks().map((t) => t.readyState) : [];
  });
}

/** Frames keep arriving: the count grows by more than a stray frame or two. */
async function expectFramesFlowing(page: Page): Promise<void> {
  const before = await decodedFrames(page);
  await expect.poll(() => decodedFrames(page), { timeout: FRAMES_TIMEOUT_MS }).toBeGreaterThan(before + 10);
}

describe('media recovery, quality and audio-only in a real call', () => {
  let server: TestServer;
  let browser: Browser;
  let kiosk: Page;
  let agent: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const kioskContext = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    const agentContext = await browser.newContext({ viewport: AGENT_VIEWPORT });
    await kioskContext.addInitScript(instrumentPeerConnections);
    await agentContext.addInitScript(instrumentPeerConnections);
    kiosk = await kioskContext.newPage();
    agent = await agentContext.newPage();
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await acceptNextVisitor(agent, server.agentUrl);
    await waitForTwoWayCall(kiosk, agent);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the link in plain words on the kiosk and in figures on the agent console', async () => {
    await kiosk.getByTestId('call-quality').waitFor({ timeout: QUALITY_TIMEOUT_MS });
    expect(await kiosk.getByTestId('call-quality').getAttribute('data-level')).toBe('good');
    expect(await kiosk.getByTestId('call-quality').textContent()).toBe('Good connection');
    await expect.poll(() => agent.getByTestId('quality-rtt').textContent(), { timeout: QUALITY_TIMEOUT_MS }).toMatch(/^\d+ ms$/);
    expect(await agent.getByTestId('quality-loss').textContent()).toMatch(/^\d+\.\d %$/);
    expect(await agent.getByTestId('quality-bitrate').textContent()).toMatch(/^\d+ kbps$/);
    expect(await agent.getByTestId('quality-fps').textContent()).toMatch(/^\d+ fps$/);
  });

  it('restarts ICE after a lasting disconnection, says so, and the media carries on', async () => {
    const [kioskUfrag, agentUfrag] = [await localUfrag(kiosk), await localUfrag(agent)];
    expect(kioskUfrag).toBeTruthy();

    await fakeIceState(kiosk, 'disconnected');
    await kiosk.getByTestId('call-reconnecting').waitFor();
    // After the grace, the kiosk (the initiator) writes an ICE-restart offer: new credentials on both sides.
    await expect.poll(() => localUfrag(kiosk), { timeout: RECOVERY_TIMEOUT_MS }).not.toBe(kioskUfrag);
    await expect.poll(() => localUfrag(agent), { timeout: RECOVERY_TIMEOUT_MS }).not.toBe(agentUfrag);

    await fakeIceState(kiosk, undefined);
    await kiosk.getByTestId('call-reconnecting').waitFor({ state: 'detached', timeout: RECOVERY_TIMEOUT_MS });
    // The same RTCPeerConnection on each side: a restart, not a rejoin.
    for (const page of [kiosk, agent]) {
      expect(await page.evaluate(() => (window as unknown as TestWindow).__peerConnections.length)).toBe(1);
    }
    await Promise.all([expectFramesFlowing(kiosk), expectFramesFlowing(agent)]);
    await kiosk.getByTestId('screen-call').waitFor();
    await agent.getByTestId('screen-call').waitFor();
  });

  it('voice only stops the visitor’s video, keeps the sound and the chat, and gives the camera back', async () => {
    await kiosk.getByTestId('audio-only-toggle').click();
    await kiosk.getByTestId('call-quality').waitFor();
    expect(await kiosk.getByTestId('call-quality').getAttribute('data-level')).toBe('audio-only');
    // Frames in flight drain, then the agent's decoder stalls.
    await expect
      .poll(
        async () => {
          const before = await decodedFrames(agent);
          await agent.waitForTimeout(1_000);
          return (await decodedFrames(agent)) - before;
        },
        { timeout: FRAMES_TIMEOUT_MS },
      )
      .toBeLessThanOrEqual(1);
    expect(await remoteAudioStates(agent)).toContain('live');
    // The agent's video still reaches the kiosk.
    await expectFramesFlowing(kiosk);

    await agent.getByTestId('chat-input').fill('Can you hear me?');
    await agent.getByTestId('chat-send').click();
    await expect.poll(() => kiosk.getByTestId('chat-lines').textContent(), { timeout: FRAMES_TIMEOUT_MS }).toContain('Can you hear me?');

    await kiosk.getByTestId('audio-only-toggle').click();
    await expectFramesFlowing(agent);
  });
});
