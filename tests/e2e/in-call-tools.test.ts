import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../harness/a11y.js';
import { acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { queryRecords } from '../harness/records.js';
import { openCallScene, type CallScene } from '../harness/scene.js';
import type { TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');
/**
 * A sanity bound only: the goal is under 1 s, and the measured figure is printed for the
 * benchmark notes. Timing assertions on a shared CI machine would be flaky at the real goal.
 */
const CHAT_SANITY_BOUND_MS = 5_000;
const NOTES = 'Needs form PPTC 153 — rappeler après le 15.';

describe('in-call tools: chat both ways, push to the kiosk screen, agent-only notes', () => {
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

  it('carries chat both ways, types French accents on the on-screen keyboard, shows a pushed link, keeps notes from the kiosk', async () => {
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'fr');
    await acceptNextVisitor(agent, server.agentUrl);
    await waitForTwoWayCall(kiosk, agent);

    // Agent → kiosk: the kiosk's chat opens by itself on the agent's first line.
    let sentAt = Date.now();
    await agent.getByTestId('chat-input').fill('Bonjour! Comment puis-je vous aider?');
    await agent.getByTestId('chat-send').click();
    const kioskLine = kiosk.locator('[data-testid="chat-lines"] [data-from="agent"]');
    await kioskLine.waitFor();
    const agentToKioskMs = Date.now() - sentAt;
    expect(await kioskLine.textContent()).toContain('Bonjour! Comment puis-je vous aider?');

    // Kiosk → agent, typed on the French layout (the visit's language), accents and a capital.
    await expect.poll(() => kiosk.getByTestId('osk').getAttribute('data-layout')).toBe('fr');
    await kiosk.getByTestId('osk-shift').click();
    for (const key of ['e', 't', 'é', ' ', 'ç', 'a', ' ', 'à', 'ù', 'œ', 'ê', '?']) {
      await kiosk.getByTestId(key === ' ' ? 'osk-space' : `osk-key-${key}`).click();
    }
    await kiosk.getByTestId('osk-key-x').click();
    await kiosk.getByTestId('osk-backspace').click();
    expect(await kiosk.getByTestId('chat-draft').textContent()).toBe('Eté ça àùœê?');
    sentAt = Date.now();
    await kiosk.getByTestId('osk-send').click();
    const agentLine = agent.locator('[data-testid="chat-lines"] [data-from="kiosk"]');
    await agentLine.waitFor();
    const kioskToAgentMs = Date.now() - sentAt;
    expect(await agentLine.textContent()).toContain('Eté ça àùœê?');
    // The visitor's own line comes back as the delivery confirmation, set apart from the agent's.
    await kiosk.locator('[data-testid="chat-lines"] [data-from="kiosk"]').waitFor();
    expect(await kiosk.getByTestId('chat-draft').textContent()).toBe('');

    console.log(`chat delivery, send click to the other screen: agent→kiosk ${agentToKioskMs} ms, kiosk→agent ${kioskToAgentMs} ms`);
    expect(agentToKioskMs).toBeLessThan(CHAT_SANITY_BOUND_MS);
    expect(kioskToAgentMs).toBeLessThan(CHAT_SANITY_BOUND_MS);

    // The English layout is one touch away, with no accents row.
    await kiosk.getByTestId('osk-layout').click();
    await expect.poll(() => kiosk.getByTestId('osk').getAttribute('data-layout')).toBe('en');
    expect(await kiosk.getByTestId('osk-key-é').count()).toBe(0);

    // A refused address never reaches the kiosk; a good one shows large, as text, not as a link.
    await agent.getByTestId('push-url').fill('http://www.canada.ca/');
    await agent.getByTestId('push-submit').click();
    await expect.poll(() => agent.getByTestId('push-feedback').textContent()).toMatch(/https/);
    await agent.getByTestId('push-url').fill('https://www.canada.ca/fr/immigration-refugies-citoyennete/services/passeports-canadiens.html');
    await agent.getByTestId('push-label').fill('Passeports');
    await agent.getByTestId('push-submit').click();
    const pushed = kiosk.getByTestId('pushed-content');
    await pushed.waitFor();
    expect(await kiosk.getByTestId('pushed-url').textContent()).toBe(
      'https://www.canada.ca/fr/immigration-refugies-citoyennete/services/passeports-canadiens.html',
    );
    expect(await pushed.locator('a').count()).toBe(0);
    // The same address as a QR code drawn on the kiosk, named for screen readers.
    const qr = kiosk.getByTestId('pushed-qr');
    expect(await qr.isVisible()).toBe(true);
    expect(await qr.getAttribute('aria-label')).toMatch(/code/i);
    expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(150);
    expect(await pushed.locator('[lang="en"]').count()).toBeGreaterThan(0);
    expect(await pushed.locator('[lang="fr"]').count()).toBeGreaterThan(0);

    // The pushed link shares the screen with the chat: the whole keyboard stays in view, send key included.
    const viewport = kiosk.viewportSize()!;
    for (const key of ['osk', 'osk-send']) {
      const box = (await kiosk.getByTestId(key).boundingBox())!;
      expect(box.y, `${key} top`).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `${key} bottom`).toBeLessThanOrEqual(viewport.height);
    }
    // …and nothing covers it: the call controls start below its last row.
    const keyboardBottom = await kiosk.getByTestId('osk').evaluate((el) => el.getBoundingClientRect().bottom);
    const controlsTop = await kiosk.getByTestId('chat-toggle').evaluate((el) => el.closest('.screen-actions')!.getBoundingClientRect().top);
    expect(keyboardBottom).toBeLessThanOrEqual(controlsTop);
    await kiosk.getByTestId('osk-key-a').click();
    expect(await kiosk.getByTestId('chat-draft').textContent()).toBe('a');

    // The call screen with the chat and the pushed link open passes axe.
    await kiosk.screenshot({ path: join(SCREENSHOTS, 'in-call-tools-kiosk.png') });
    await agent.screenshot({ path: join(SCREENSHOTS, 'in-call-tools-agent.png') });
    expect(await axeViolations(kiosk)).toEqual([]);

    await kiosk.getByTestId('pushed-dismiss').click();
    await pushed.waitFor({ state: 'detached' });

    // Wrap-up with notes: stored with the visit, never on the kiosk.
    await agent.getByTestId('end-call').click();
    await agent.getByTestId('wrapup-notes').fill(NOTES);
    await agent.getByTestId('outcome-follow-up').click();
    await kiosk.getByTestId('screen-survey').waitFor();
    await expect.poll(() => readNotes(server.dataDir)).toEqual([{ notes: NOTES, outcome: 'follow-up' }]);
    expect(await kiosk.content()).not.toContain('PPTC 153');
    // The chat ended with the call.
    expect(await kiosk.getByTestId('chat-lines').count()).toBe(0);
  });
});

function readNotes(dataDir: string): { notes: string; outcome: string | null }[] {
  return queryRecords(dataDir, 'SELECT n.notes, v.outcome FROM visit_notes n JOIN visits v ON v.ticket_id = n.ticket_id');
}
