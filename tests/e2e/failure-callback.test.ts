import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFieldKey } from '../../signaling-server/src/crypto/fieldCipher.js';
import { openSqliteStore } from '../../signaling-server/src/store/sqliteStore.js';
import { axeViolations } from '../harness/a11y.js';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { startTestServer, type TestServer } from '../harness/server.js';

/**
 * The app's ladder (renderer/shared/call/recovery/recoveryLadder.ts; not in the tests' project):
 * 3 s grace, then three attempts of 10 s each before it gives up.
 */
const GIVE_UP_TIMEOUT_MS = 3_000 + 3 * 10_000 + 15_000;

type TestWindow = Window & { __iceOverride: RTCIceConnectionState | undefined; __peerConnections: RTCPeerConnection[] };

/** Lets the test report any ICE state on every connection the page creates (see media-recovery.test.ts). */
function instrumentPeerConnections(): void {
  const w = window as unknown as TestWindow;
  const Native = window.RTCPeerConnection;
  w.__peerConnections = [];
  w.__iceOverride = undefined;
  const realState = Object.getOwnPropertyDescriptor(Native.prototype, 'iceConnectionState')!.get!;
  window.RTCPeerConnection = class InstrumentedPeerConnection extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      w.__peerConnections.push(this);
    }
    override get iceConnectionState(): RTCIceConnectionState {
      return w.__iceOverride ?? (realState.call(this) as RTCIceConnectionState);
    }
  };
}

/** The network "drops" for good on the kiosk: every attempt of the ladder ends on a disconnected link. */
async function dropForGood(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as TestWindow;
    w.__iceOverride = 'disconnected';
    for (const pc of w.__peerConnections) pc.dispatchEvent(new Event('iceconnectionstatechange'));
  });
}

describe('a call that cannot be recovered: a callback or staff', () => {
  let server: TestServer;
  let browser: Browser;
  let kiosk: Page;
  let agent: Page;

  beforeAll(async () => {
    server = await startTestServer({ callbacks: { key: generateFieldKey(), retentionDays: 7 } });
    browser = await launchChromium();
    const kioskContext = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    await kioskContext.addInitScript(instrumentPeerConnections);
    kiosk = await kioskContext.newPage();
    agent = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('after the ladder gives up, the visitor leaves a number for that visit and the kiosk wipes', async () => {
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await acceptNextVisitor(agent, server.agentUrl);
    await waitForTwoWayCall(kiosk, agent);

    await dropForGood(kiosk);
    await kiosk.getByTestId('screen-technical-failure').waitFor({ timeout: GIVE_UP_TIMEOUT_MS });
    expect(await kiosk.getByTestId('failure-callback').isVisible()).toBe(true);
    expect(await kiosk.getByTestId('failure-help').isVisible()).toBe(true);
    expect(await axeViolations(kiosk), 'axe on the failure choices').toEqual([]);

    await kiosk.getByTestId('failure-callback').click();
    await kiosk.getByTestId('screen-callback').waitFor();
    for (const digit of '5065550134') await kiosk.getByTestId(`callback-key-${digit}`).click();
    await kiosk.getByTestId('callback-consent').click();
    await kiosk.getByTestId('callback-confirm').click();
    await kiosk.getByTestId('screen-callback-thanks').waitFor();

    // The visit says why it ended; the callback points at it (its number sealed, never read here).
    const reader = openSqliteStore(server.dataDir);
    const [visit] = reader.listVisits();
    expect(visit?.endReason).toBe('technical-failure');
    expect(reader.callbacks?.listPending(10).map((c) => c.ticketId)).toEqual([visit?.ticketId]);
    reader.close();
    await kiosk.getByTestId('done').click();
    await kiosk.getByTestId('screen-welcome').waitFor();
  }, GIVE_UP_TIMEOUT_MS + 60_000);
});
