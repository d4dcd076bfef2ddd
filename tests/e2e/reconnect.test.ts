import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { readVisits } from '../harness/records.js';
import { startTestServer, type TestServer } from '../harness/server.js';

/**
 * Keeps every WebSocket the page opens, so the test can cut the kiosk's signaling link the way a
 * network blip does (an abnormal close), with no hook in the app itself.
 */
function trackWebSockets() {
  const Native = window.WebSocket;
  const opened: WebSocket[] = [];
  (window as unknown as { __sockets: WebSocket[] }).__sockets = opened;
  window.WebSocket = class TrackedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      opened.push(this);
    }
  };
}

const framesAt = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')!.getVideoPlaybackQuality().totalVideoFrames);

describe('a signaling blip during a call', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps the media flowing, resumes signaling, and still ends cleanly with a record', async () => {
    const kioskContext = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    await kioskContext.addInitScript(trackWebSockets);
    const kiosk = await kioskContext.newPage();
    const agent = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();

    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await acceptNextVisitor(agent, server.agentUrl);
    await waitForTwoWayCall(kiosk, agent);

    // 4000 is an application close code: not "normal", so the server holds the call for the grace period.
    const socketsBefore = await kiosk.evaluate(() => {
      const sockets = (window as unknown as { __sockets: WebSocket[] }).__sockets;
      sockets.filter((s) => s.readyState === WebSocket.OPEN).forEach((s) => s.close(4000, 'test: network blip'));
      return sockets.length;
    });
    expect(socketsBefore).toBeGreaterThanOrEqual(1);
    const framesAtDrop = await framesAt(kiosk);

    // Signaling comes back on a new socket (the resume), and the call screen never left.
    await expect
      .poll(() => kiosk.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.filter((s) => s.readyState === WebSocket.OPEN).length), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await kiosk.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.length)).toBeGreaterThan(socketsBefore);
    await expect.poll(() => kiosk.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toBe('');
    expect(await kiosk.getByTestId('screen-call').isVisible()).toBe(true);
    // Media is peer to peer: it never depended on the signaling socket.
    await expect.poll(() => framesAt(kiosk), { timeout: 10_000 }).toBeGreaterThan(framesAtDrop + 10);

    // The resumed signaling still carries the end of the call.
    await agent.getByTestId('end-call').click();
    await agent.getByTestId('screen-wrapup').waitFor();
    await agent.getByTestId('outcome-resolved').click();
    await kiosk.getByTestId('screen-survey').waitFor();
    await expect.poll(() => readVisits(server.dataDir)[0]?.outcome, { timeout: 10_000 }).toBe('resolved');
    expect(readVisits(server.dataDir)[0]).toMatchObject({ end_reason: 'agent-ended' });
    expect(readVisits(server.dataDir)).toHaveLength(1);
  });
});
