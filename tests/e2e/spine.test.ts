import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueVisitorForAgent, signInAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { readVisits } from '../harness/records.js';
import { openCallScene, type CallScene } from '../harness/scene.js';
import type { TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');

describe('the spine: a French-speaking visitor reaches an agent by live two-way video', () => {
  let scene: CallScene;
  let server: TestServer;
  let kiosk: Page;
  let agent: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    scene = await openCallScene();
    ({ server, kiosk, agent } = scene);
  });

  afterAll(async () => {
    await scene?.close();
  });

  it('queues the visitor in French, connects video both ways, and records the outcome', async () => {
    await kiosk.goto(server.kioskUrl);
    // The kiosk's token must not linger in the address bar.
    await expect.poll(() => kiosk.url()).not.toContain('token=');

    await queueVisitorForAgent(kiosk, 'fr');
    expect(await kiosk.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect.poll(() => kiosk.getByTestId('queue-position').textContent()).toMatch(/\b1\b/);

    await signInAgent(agent, server.agentUrl);
    await agent.getByTestId('go-available').click();
    await agent.getByTestId('offer').waitFor();
    await expect(agent.getByTestId('offer-language').textContent()).resolves.toMatch(/french|français/i);
    await expect(agent.getByTestId('triage-outcome').textContent()).resolves.toMatch(/passport|passeport/i);
    // The offer rings out loud too (Web Audio), not only on screen.
    await expect.poll(() => agent.getByTestId('offer').getAttribute('data-ring')).toBe('audible');
    await agent.getByTestId('accept').click();

    const { atKiosk, atAgent } = await waitForTwoWayCall(kiosk, agent);
    for (const side of [atKiosk, atAgent]) {
      expect(side.decodedFrames).toBeGreaterThan(0);
      expect(side.audioTrackStates).toContain('live');
    }
    await kiosk.screenshot({ path: join(SCREENSHOTS, 'spine-kiosk-in-call-fr.png') });
    await agent.screenshot({ path: join(SCREENSHOTS, 'spine-agent-in-call.png') });

    await agent.getByTestId('end-call').click();
    await agent.getByTestId('screen-wrapup').waitFor();
    await agent.getByTestId('outcome-resolved').click();
    // Tell us once: the agent saw the kiosk's answers; the visitor rates the visit.
    await kiosk.getByTestId('screen-survey').waitFor();
    await kiosk.getByTestId('rate-5').click();
    await kiosk.getByTestId('screen-thanks').waitFor();
    await kiosk.getByTestId('screen-welcome').waitFor({ timeout: 30_000 });

    await expect
      .poll(() => readVisits(server.dataDir)[0]?.outcome, { timeout: 10_000 })
      .toBe('resolved');
    const [visit] = readVisits(server.dataDir);
    expect(visit).toMatchObject({ service_line: 'passport', language: 'fr', end_reason: 'agent-ended' });
    const { joined_at, offered_at, accepted_at, ended_at, outcome_at } = visit!;
    expect(joined_at).toBeGreaterThan(0);
    expect(offered_at).toBeGreaterThanOrEqual(joined_at);
    expect(accepted_at).toBeGreaterThanOrEqual(offered_at);
    expect(ended_at).toBeGreaterThanOrEqual(accepted_at);
    expect(outcome_at).toBeGreaterThanOrEqual(ended_at);
  });
});
