import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../harness/a11y.js';
import { launchChromium } from '../harness/chromium.js';
import { KIOSK_VIEWPORT } from '../harness/journeys.js';
import { startTestServer, startTestServerAtPortOf, type TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');
/** renderer/kiosk/features/offline/reachability.ts: the welcome's check interval (the bundle keeps it private). */
const PROBE_INTERVAL_MS = 30_000;
/** The page clock moves by this much per step while the test waits for the screen to change. */
const CLOCK_STEP_MS = 5_000;
/** Two checks 10 s apart after the next 30 s one; the retries back off to 60 s at most: bounded either way. */
const MAX_SIMULATED_WAIT_MS = 3 * 60_000;

/** The offline screen's words, in both languages at once (renderer/kiosk/i18n). */
const OFFLINE_WORDS = {
  en: 'We cannot reach the service right now',
  fr: 'Nous ne pouvons pas joindre le service pour le moment',
} as const;

/**
 * Moves the page's clock in steps until `testId` is on screen; real time passes between steps
 * so the page's requests (refused or answered) settle. Returns the simulated time it took.
 */
async function advanceUntilVisible(page: Page, testId: string): Promise<number> {
  for (let simulated = 0; simulated <= MAX_SIMULATED_WAIT_MS; simulated += CLOCK_STEP_MS) {
    if (await page.getByTestId(testId).isVisible()) return simulated;
    await page.clock.runFor(CLOCK_STEP_MS);
    // Let a refused connection or an answer arrive before the next step.
    await page.waitForTimeout(100);
  }
  throw new Error(`${testId} did not appear within ${MAX_SIMULATED_WAIT_MS} ms of kiosk time`);
}

describe('the kiosk when the service cannot be reached', () => {
  let server: TestServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openKiosk(kioskUrl: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    // The page's timers run on a clock the test moves: the real intervals, no waiting.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(kioskUrl);
    await page.getByTestId('screen-welcome').waitFor();
    return { context, page };
  }

  it('says so in both languages while the server is down, keeps trying, and welcomes again when it is back', async () => {
    server = await startTestServer();
    const { context, page } = await openKiosk(server.kioskUrl);
    const firstUrl = server.url;

    // Served and healthy: a check every 30 s changes nothing.
    await page.clock.runFor(2 * PROBE_INTERVAL_MS);
    await page.waitForTimeout(200);
    expect(await page.getByTestId('screen-welcome').isVisible()).toBe(true);

    // The page stays loaded; its server goes away.
    await server.stop();
    server = undefined;
    const toOffline = await advanceUntilVisible(page, 'screen-offline');
    expect(toOffline).toBeLessThanOrEqual(PROBE_INTERVAL_MS + 2 * 10_000);
    expect(await page.getByTestId('start').count()).toBe(0);

    // Bilingual, each part in its own language, and still the accessibility bar.
    const heading = page.locator('#offline-title');
    expect(await heading.locator('[lang="en"]').textContent()).toBe(OFFLINE_WORDS.en);
    expect(await heading.locator('[lang="fr"]').textContent()).toBe(OFFLINE_WORDS.fr);
    expect(await page.getByTestId('screen-offline').locator('[lang="en"]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('screen-offline').locator('[lang="fr"]').count()).toBeGreaterThanOrEqual(3);
    await page.getByTestId('read-aloud').waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await axeViolations(page), 'axe on the offline screen').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-offline.png') });

    // The accessibility bar works offline too.
    await page.getByTestId('toggle-text-size').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    await page.getByTestId('toggle-text-size').click();

    // Still down a while: it keeps saying so.
    await page.clock.runFor(2 * 60_000);
    await page.waitForTimeout(200);
    expect(await page.getByTestId('screen-offline').isVisible()).toBe(true);

    // The server is back at the same address: the welcome returns by itself.
    server = await startTestServerAtPortOf(firstUrl);
    const back = await advanceUntilVisible(page, 'screen-welcome');
    expect(back).toBeLessThanOrEqual(60_000 + CLOCK_STEP_MS);
    await page.getByTestId('start').click();
    await page.getByTestId('screen-language').waitFor();
    await context.close();
  });

  it('a server gone during triage: asking for an agent ends politely with "not available"', async () => {
    server ??= await startTestServer();
    const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    const page = await context.newPage();
    await page.goto(server.kioskUrl);
    await page.getByTestId('start').click();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('accept-privacy').click();
    await page.getByTestId('option-passport').click();
    await page.getByTestId('option-urgent').click();
    await page.getByTestId('outcome-talk').click();
    await page.getByTestId('screen-confirm').waitFor();

    await server.stop();
    server = undefined;
    await page.getByTestId('talk-to-agent').click();
    await page.getByTestId('screen-thanks').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('screen-thanks').textContent()).toContain('video service is not available right now');
    expect(await axeViolations(page), 'axe on the "not available" screen').toEqual([]);
    await context.close();
  });
});
