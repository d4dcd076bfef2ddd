import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../signaling-server/src/index.js';
import { signInAvailableAs } from '../harness/agents.js';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, queueVisitorForAgent } from '../harness/journeys.js';
import { startTestServer, type TestServer } from '../harness/server.js';

const ENGLISH = { id: 'agent-en-only', username: 'agent.en', password: 'english only please' };
const FRENCH = { id: 'agent-fr-only', username: 'agent.fr.only', password: 'francais seulement' };
/** How long after the French offer the English console is watched for an offer of its own. */
const NO_OFFER_WINDOW_MS = 3_000;

describe('routing by language: a French-speaking visitor goes to a French-speaking agent', () => {
  let server: TestServer;
  let browser: Browser;
  let kiosk: Page;
  let english: Page;
  let french: Page;

  beforeAll(async () => {
    const agent = (who: typeof ENGLISH, language: 'en' | 'fr') => ({
      id: who.id,
      username: who.username,
      passwordHash: hashPassword(who.password),
      languages: [language],
      serviceLines: ['passport' as const],
    });
    server = await startTestServer({ agents: [agent(ENGLISH, 'en'), agent(FRENCH, 'fr')] });
    browser = await launchChromium();
    kiosk = await (await browser.newContext({ viewport: KIOSK_VIEWPORT })).newPage();
    english = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
    french = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers the visitor to the French agent and never to the English-only one', async () => {
    // The English agent is available first: the longest idle, first in line were language not a rule.
    await signInAvailableAs(english, server.agentUrl, ENGLISH);
    await signInAvailableAs(french, server.agentUrl, FRENCH);
    await english.getByTestId('queue-overview').waitFor();

    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'fr');

    await french.getByTestId('offer').waitFor();
    await expect(french.getByTestId('offer-language').textContent()).resolves.toMatch(/french|français/i);

    // Bounded "never": for a while after the French offer, the English console shows none.
    const until = Date.now() + NO_OFFER_WINDOW_MS;
    while (Date.now() < until) {
      expect(await english.getByTestId('offer').count()).toBe(0);
      await english.waitForTimeout(250);
    }
    await expect(english.getByTestId('agent-state').textContent()).resolves.toMatch(/^(Available|Disponible)$/);

    // The English agent's overview lists its own line and never the French one.
    const lines = await english.getByTestId('overview-line').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line')));
    expect(lines).toEqual(['passport/en']);
  });
});
