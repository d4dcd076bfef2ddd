import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { readVisits } from '../harness/records.js';
import { restartTestServer, startTestServer, type TestServer } from '../harness/server.js';

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

describe('signaling lost during a call', () => {
  // A fresh server (and data folder) for each case: each counts the visit records it made.
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    // The pages first: their reconnection attempts end with them.
    for (const context of contexts.splice(0)) await context.close();
    await server?.stop();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A visitor and the agent in a two-way call; the kiosk's sockets tracked (`__sockets`) when asked. */
  async function inCall(options: { trackKioskSockets?: boolean } = {}): Promise<{ kiosk: Page; agent: Page }> {
    const kioskContext = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    const agentContext = await browser.newContext({ viewport: AGENT_VIEWPORT });
    contexts.push(kioskContext, agentContext);
    if (options.trackKioskSockets) await kioskContext.addInitScript(trackWebSockets);
    const kiosk = await kioskContext.newPage();
    const agent = await agentContext.newPage();
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await acceptNextVisitor(agent, server.agentUrl);
    await waitForTwoWayCall(kiosk, agent);
    return { kiosk, agent };
  }

  it('a blip: keeps the media flowing, resumes signaling, and still ends cleanly with a record', async () => {
    const { kiosk, agent } = await inCall({ trackKioskSockets: true });

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

  /**
   * The server restarted (a deploy, a crash and its supervisor) while a visitor is with an agent:
   * the media is peer to peer and carries on; both pages reconnect on their own, the kiosk with its
   * resume token and the agent's console with its session token and resume token, and the
   * restarted server takes them back into the same call, which still ends with its record.
   */
  it('a server restart: keeps the media flowing, takes both pages back into the call, and records its end', async () => {
    const { kiosk, agent } = await inCall();

    server = await restartTestServer(server);
    const framesAtRestart = await framesAt(kiosk);

    // The kiosk says it is connected again, and never left its call screen.
    await expect.poll(() => kiosk.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toBe('');
    expect(await kiosk.getByTestId('screen-call').isVisible()).toBe(true);
    await expect.poll(() => framesAt(kiosk), { timeout: 10_000 }).toBeGreaterThan(framesAtRestart + 10);

    // The end of the call goes through the restarted server: the agent's console was taken back in
    // with its session token (before, it was refused, and the call ended when the grace ran out).
    await agent.getByTestId('end-call').click();
    await agent.getByTestId('screen-wrapup').waitFor({ timeout: 15_000 });
    await agent.getByTestId('outcome-resolved').click();
    await kiosk.getByTestId('screen-survey').waitFor();
    await expect.poll(() => readVisits(server.dataDir)[0]?.outcome, { timeout: 10_000 }).toBe('resolved');
    expect(readVisits(server.dataDir)).toHaveLength(1);
    expect(readVisits(server.dataDir)[0]).toMatchObject({ end_reason: 'agent-ended' });
  });
});
