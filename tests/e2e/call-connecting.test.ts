import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { gateAnswers } from '../harness/answerGate.js';
import { launchChromium } from '../harness/chromium.js';
import { acceptNextVisitor, AGENT_VIEWPORT, KIOSK_VIEWPORT, queueVisitorForAgent } from '../harness/journeys.js';
import { readVisits } from '../harness/records.js';
import { startTestServer, type TestServer } from '../harness/server.js';

describe('the kiosk between the accept and the media (KioskCallConnecting)', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a visitor who changes their mind end the call before it connects, and a late answer changes nothing', async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const kioskContext = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    // The agent's WebRTC answer is held on its way to the kiosk: the call cannot connect.
    const answers = await gateAnswers(kioskContext);
    const kiosk = await kioskContext.newPage();
    const agent = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();

    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'fr');
    answers.hold();
    await acceptNextVisitor(agent, server.agentUrl);
    await kiosk.getByTestId('screen-call-connecting').waitFor();
    await expect.poll(() => answers.waiting).toBeGreaterThan(0);
    expect(await kiosk.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion avec l’agent…');

    await kiosk.getByTestId('end-call').click();
    await kiosk.getByTestId('screen-survey').waitFor();
    await agent.getByTestId('screen-wrapup').waitFor();
    await expect.poll(() => readVisits(server!.dataDir).map((visit) => visit.end_reason)).toEqual(['visitor-ended']);

    // The answer that was on its way arrives after the call ended: the kiosk stays where it is.
    answers.release();
    await kiosk.waitForTimeout(500);
    expect(await kiosk.getByTestId('screen-survey').isVisible()).toBe(true);
    expect(await kiosk.getByTestId('screen-call').count()).toBe(0);
  });
});
