import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIN_TARGET_PX,
  axeViolations,
  leaveVisitTraces,
  recordSpeech,
  speechLog,
  targetBoxes,
  visitTraces,
} from '../harness/a11y.js';
import { gateAnswers, type AnswerGate } from '../harness/answerGate.js';
import { launchChromium } from '../harness/chromium.js';
import { AGENT, startTestServer, type TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');
/** A portrait kiosk screen, as in partner offices. */
const KIOSK_VIEWPORT = { width: 1080, height: 1920 };
/** The kiosk's primary actions are larger than the 44 px floor. */
const MIN_PRIMARY_HEIGHT_PX = 64;
/** renderer/kiosk/machines/kioskMachine.ts: IDLE_TIMEOUT_MS and IDLE_COUNTDOWN_MS (the bundle keeps them private). */
const IDLE_TIMEOUT_MS = 60_000;
const IDLE_COUNTDOWN_MS = 20_000;

type Lang = 'en' | 'fr';

/** The words each check looks for, in each language (from renderer/kiosk/i18n). */
const WORDS = {
  en: { privacyTitle: 'Before we start', helpRequested: 'Someone from the office is coming.', idle: 'Are you still there?', inSeconds: 'in 10 seconds' },
  fr: { privacyTitle: 'Avant de commencer', helpRequested: "Une personne du bureau s'en vient.", idle: 'Êtes-vous toujours là?', inSeconds: 'dans 10 secondes' },
} as const;
const SPEECH_LANG = { en: 'en-CA', fr: 'fr-CA' } as const;

/**
 * One screen, every check: no axe-core WCAG 2.2 AA violation, targets of 44 px or more
 * (primary actions 64 px tall), the screen's actions and the bottom bars in the lower half,
 * `<html lang>`, and a screenshot.
 */
async function checkScreen(page: Page, screen: string, lang: Lang, htmlLang: Lang = lang) {
  await page.evaluate(() => document.fonts.ready);
  // Two frames: what the last tap changed is laid out and painted before axe reads colours off the
  // page (its contrast check once caught the language screen mid-change, under a loaded machine).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await axeViolations(page), `axe on ${screen} (${lang})`).toEqual([]);
  const boxes = await targetBoxes(page);
  expect(boxes.length, `targets on ${screen}`).toBeGreaterThan(0);
  const small = boxes.filter((b) => b.width < MIN_TARGET_PX || b.height < MIN_TARGET_PX || (b.primary && b.height < MIN_PRIMARY_HEIGHT_PX));
  expect(small, `small targets on ${screen} (${lang})`).toEqual([]);
  const controls = await targetBoxes(page, '.screen-actions .btn, .kiosk-footer .btn, .idle-dialog .btn');
  const high = controls.filter((b) => b.top < KIOSK_VIEWPORT.height / 2);
  expect(high, `controls above the lower half on ${screen} (${lang})`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(htmlLang);
  await page.screenshot({ path: join(SCREENSHOTS, `kiosk-${screen}-${lang}.png`) });
}

const computed = (page: Page, selector: string, property: string) =>
  page.locator(selector).first().evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);

describe('the kiosk, every screen, in English and in French', () => {
  let server: TestServer;
  let browser: Browser;
  let agent: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await agent.goto(server.agentUrl);
    await agent.getByTestId('login-username').fill(AGENT.username);
    await agent.getByTestId('login-password').fill(AGENT.password);
    await agent.getByTestId('login-submit').click();
    // Signed in and away: visitors wait in line until the test makes the agent available.
    await agent.getByTestId('go-available').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh kiosk browser profile; French also asks for reduced motion, English does not. */
  async function openKiosk(lang: Lang): Promise<{ context: BrowserContext; page: Page; answers: AnswerGate }> {
    const context = await browser.newContext({ viewport: KIOSK_VIEWPORT, reducedMotion: lang === 'fr' ? 'reduce' : 'no-preference' });
    await recordSpeech(context);
    const answers = await gateAnswers(context);
    const page = await context.newPage();
    await page.goto(server.kioskUrl);
    await page.getByTestId('screen-welcome').waitFor();
    return { context, page, answers };
  }

  for (const lang of ['en', 'fr'] as const) {
    it(`walks every screen in ${lang === 'en' ? 'English' : 'French'}, then wipes the visit`, async () => {
      const { context, page, answers } = await openKiosk(lang);
      const words = WORDS[lang];

      // Welcome: bilingual, read aloud in both languages.
      await checkScreen(page, 'welcome', lang, 'en');
      await page.getByTestId('read-aloud').click();
      const welcomeSpeech = (await speechLog(page)).spoken;
      expect(welcomeSpeech.map((u) => u.lang)).toEqual(['en-CA', 'fr-CA']);
      expect(welcomeSpeech[0]?.text).toContain('Hello');
      expect(welcomeSpeech[1]?.text).toContain('Bonjour');

      await page.getByTestId('start').click();
      await page.getByTestId('screen-language').waitFor();
      await page.getByTestId('interpreter').click();
      await expect.poll(() => page.getByTestId('interpreter').getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('interpreter-iu').waitFor();
      await checkScreen(page, 'language', lang, 'en');

      await page.getByTestId(`lang-${lang}`).click();
      await page.getByTestId('screen-privacy').waitFor();
      await checkScreen(page, 'privacy', lang);

      // Read aloud: the heading and text, in the visitor's language; any touch silences it.
      const before = await speechLog(page);
      await page.getByTestId('read-aloud').click();
      const heard = (await speechLog(page)).spoken.slice(before.spoken.length);
      expect(heard).toHaveLength(1);
      expect(heard[0]).toMatchObject({ lang: SPEECH_LANG[lang] });
      expect(heard[0]?.text.startsWith(words.privacyTitle)).toBe(true);
      expect((await speechLog(page)).pending).toBe(1);
      await page.locator('h1').click();
      expect((await speechLog(page)).pending).toBe(0);

      // High contrast and larger text: reachable here as on every screen, still 0 axe violations.
      const normalSize = parseFloat(await computed(page, 'h1', 'font-size'));
      await page.getByTestId('toggle-contrast').click();
      await page.getByTestId('toggle-text-size').click();
      await expect.poll(() => computed(page, 'body', 'background-color')).toBe('rgb(0, 0, 0)');
      await expect.poll(async () => parseFloat(await computed(page, 'h1', 'font-size'))).toBeGreaterThanOrEqual(normalSize * 1.2);
      expect(await page.getByTestId('toggle-contrast').getAttribute('aria-pressed')).toBe('true');
      await checkScreen(page, 'privacy-high-contrast-large-text', lang);
      await page.getByTestId('toggle-text-size').click();
      await checkScreen(page, 'privacy-high-contrast', lang);
      await page.getByTestId('toggle-contrast').click();
      await expect.poll(() => computed(page, 'body', 'background-color')).toBe('rgb(255, 255, 255)');

      await page.getByTestId('accept-privacy').click();
      await page.getByTestId('screen-triage').waitFor();
      await checkScreen(page, 'triage-first-question', lang);
      await page.getByTestId('option-passport').click();
      await page.getByTestId('option-first').waitFor();
      await checkScreen(page, 'triage-follow-up', lang);

      await page.getByTestId('option-first').click();
      await page.getByTestId('screen-outcome-bring').waitFor();
      await checkScreen(page, 'outcome-bring', lang);
      await page.getByTestId('alternative-passport-renew').click();
      await page.getByTestId('screen-outcome-self-serve').waitFor();
      await checkScreen(page, 'outcome-self-serve', lang);

      // Help from the office staff, asked from the self-serve outcome.
      await page.getByTestId('outcome-staff').click();
      await expect.poll(() => page.getByTestId('help-status').textContent(), { timeout: 10_000 }).toBe(words.helpRequested);
      await checkScreen(page, 'help-requested', lang);

      // Start over wipes the visit: storage of every kind, the display choices, the language.
      await leaveVisitTraces(page);
      await page.getByTestId('toggle-contrast').click();
      const traces = await visitTraces(page, context);
      expect(traces).toMatchObject({ localStorage: 1, sessionStorage: 1, indexedDb: ['visit-scratch'], cookies: ['visit-note'] });
      await page.getByTestId('start-over').click();
      await page.getByTestId('screen-welcome').waitFor();
      await expect
        .poll(() => visitTraces(page, context))
        .toEqual({ localStorage: 0, sessionStorage: 0, indexedDb: [], cookies: [] });
      expect(await page.evaluate(() => document.documentElement.className)).toBe('');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByTestId('toggle-contrast').getAttribute('aria-pressed')).toBe('false');

      // A second visit: a referral, then an agent.
      await page.getByTestId('start').click();
      await page.getByTestId(`lang-${lang}`).click();
      await page.getByTestId('accept-privacy').click();
      await page.getByTestId('option-provincial').click();
      await page.getByTestId('option-health-card').click();
      await page.getByTestId('screen-outcome-referral').waitFor();
      await checkScreen(page, 'outcome-referral', lang);
      await page.getByTestId('alternative-general-agent').click();
      await page.getByTestId('screen-outcome-agent').waitFor();
      await checkScreen(page, 'outcome-agent', lang);
      await page.getByTestId('outcome-talk').click();
      await page.getByTestId('screen-confirm').waitFor();
      await checkScreen(page, 'confirm', lang);

      await page.getByTestId('talk-to-agent').click();
      await page.getByTestId('screen-waiting').waitFor();
      await expect.poll(() => page.getByTestId('queue-position').textContent()).toMatch(/\b1\b/);
      // The spinner turns only for those who did not ask for reduced motion.
      expect(await computed(page, '.waiting-indicator', 'animation-name')).toBe(lang === 'fr' ? 'none' : 'spin');
      await checkScreen(page, 'waiting', lang);

      // Until the media connects the kiosk shows a light screen (KioskCallConnecting): the agent's
      // answer is held back so it stays long enough to be checked like every other screen.
      answers.hold();
      await agent.getByTestId('go-available').click();
      await agent.getByTestId('accept').click();
      await page.getByTestId('screen-call-connecting').waitFor();
      await expect.poll(() => answers.waiting).toBeGreaterThan(0);
      await checkScreen(page, 'call-connecting', lang);
      expect(await page.getByTestId('screen-call').count()).toBe(0);
      answers.release();
      await page.getByTestId('screen-call').waitFor();
      await page.waitForFunction(() => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
        return !!video && video.getVideoPlaybackQuality().totalVideoFrames > 0;
      });
      await checkScreen(page, 'call', lang);

      await agent.getByTestId('end-call').click();
      await agent.getByTestId('outcome-resolved').click();
      await agent.getByTestId('go-away').click();
      await page.getByTestId('screen-survey').waitFor();
      await checkScreen(page, 'survey', lang);
      await page.getByTestId('rate-4').click();
      await page.getByTestId('screen-thanks').waitFor();
      await checkScreen(page, 'thanks', lang);
      await page.getByTestId('done').click();
      await page.getByTestId('screen-welcome').waitFor();
      await expect.poll(() => visitTraces(page, context)).toEqual({ localStorage: 0, sessionStorage: 0, indexedDb: [], cookies: [] });
      await context.close();
    });
  }

  it('an unattended visit shows and says a countdown in the visitor’s language, then wipes itself', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
      await recordSpeech(context);
      // The page's timers run on a clock the test moves: the real constants, no waiting.
      await context.clock.install();
      const page = await context.newPage();
      await page.goto(server.kioskUrl);
      await page.getByTestId('start').click();
      await page.getByTestId(`lang-${lang}`).click();
      await page.getByTestId('screen-privacy').waitFor();

      await page.clock.fastForward(IDLE_TIMEOUT_MS + 1_000);
      await page.getByTestId('idle-countdown').waitFor();
      await checkScreen(page, 'idle-countdown', lang);
      const spokenAtStart = (await speechLog(page)).spoken.at(-1);
      expect(spokenAtStart).toMatchObject({ lang: SPEECH_LANG[lang] });
      expect(spokenAtStart?.text).toContain(WORDS[lang].idle);

      await page.clock.runFor(IDLE_COUNTDOWN_MS / 2);
      await expect.poll(async () => (await speechLog(page)).spoken.at(-1)?.text).toContain(WORDS[lang].inSeconds);

      await page.clock.runFor(IDLE_COUNTDOWN_MS / 2 + 1_000);
      await page.getByTestId('screen-welcome').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await context.close();
    }
  });
});
