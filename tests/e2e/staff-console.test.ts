import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../signaling-server/src/index.js';
import { MIN_TARGET_PX, axeViolations, targetBoxes } from '../harness/a11y.js';
import { launchChromium } from '../harness/chromium.js';
import { KIOSK_VIEWPORT, queueVisitorForAgent } from '../harness/journeys.js';
import { queryRecords } from '../harness/records.js';
import { KIOSK, SITE_ID, startTestServer, type TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');
/** A tablet held in landscape at the office counter. */
const TABLET_VIEWPORT = { width: 1280, height: 800 };
const OTHER_SITE_ID = 'snb-other-site';
const STAFF = { id: 'staff-test-1', username: 'staff.here', password: 'correct horse counter' };
const OTHER_STAFF = { id: 'staff-test-2', username: 'staff.elsewhere', password: 'correct horse kettle' };
/** The staff console's larger floor for targets (renderer/staff/staff.css), above the 44 px WCAG one. */
const STAFF_MIN_TARGET_PX = 56;

type Lang = 'en' | 'fr';
/** The words each check looks for, in each language (from renderer/staff/i18n). */
const WORDS = {
  en: { kiosks: 'Kiosks at this office', coming: 'You said you are on your way.', none: 'Nobody is asking for help right now.' },
  fr: { kiosks: 'Bornes de ce bureau', coming: 'Vous avez indiqué que vous arrivez.', none: 'Personne ne demande d’aide pour le moment.' },
} as const;

/** No axe-core WCAG 2.2 AA violation, big enough targets, `<html lang>`, and a screenshot. */
async function checkScreen(page: Page, screen: string, lang: Lang) {
  await page.evaluate(() => document.fonts.ready);
  expect(await axeViolations(page), `axe on ${screen} (${lang})`).toEqual([]);
  const small = (await targetBoxes(page)).filter((b) => b.width < MIN_TARGET_PX || b.height < STAFF_MIN_TARGET_PX);
  expect(small, `small targets on ${screen} (${lang})`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  await page.screenshot({ path: join(SCREENSHOTS, `staff-${screen}-${lang}.png`) });
}

async function signIn(page: Page, url: string, who: { username: string; password: string }) {
  await page.goto(url);
  await page.getByTestId('staff-login-username').fill(who.username);
  await page.getByTestId('staff-login-password').fill(who.password);
  await page.getByTestId('staff-login-submit').click();
  await page.getByTestId('staff-site').waitFor();
}

describe('the site staff console', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({
      sites: [
        { id: SITE_ID, name: 'Service New Brunswick, Fredericton' },
        { id: OTHER_SITE_ID, name: 'Service New Brunswick, Moncton' },
      ],
      staff: [
        { id: STAFF.id, username: STAFF.username, passwordHash: hashPassword(STAFF.password), siteId: SITE_ID },
        { id: OTHER_STAFF.id, username: OTHER_STAFF.username, passwordHash: hashPassword(OTHER_STAFF.password), siteId: OTHER_SITE_ID },
      ],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(['en', 'fr'] as const)('shows a help request to the site\'s staff only, who acknowledge it (%s)', async (lang) => {
    const words = WORDS[lang];
    const staffUrl = `${server.url}/staff/`;
    const contextOptions = { viewport: TABLET_VIEWPORT, locale: lang === 'fr' ? 'fr-CA' : 'en-CA' };
    const here = await (await browser.newContext(contextOptions)).newPage();
    const elsewhere = await (await browser.newContext(contextOptions)).newPage();
    const kiosk = await (await browser.newContext({ viewport: KIOSK_VIEWPORT })).newPage();
    try {
      await here.goto(staffUrl);
      await here.getByTestId('staff-login-username').waitFor();
      await checkScreen(here, 'sign-in', lang);
      await signIn(here, staffUrl, STAFF);
      await signIn(elsewhere, staffUrl, OTHER_STAFF);
      await expect.poll(() => here.getByTestId('kiosk-list').getByRole('heading', { level: 2 }).textContent()).toBe(words.kiosks);

      // The visitor opens the kiosk and asks for someone from the office.
      await kiosk.goto(server.kioskUrl);
      await kiosk.getByTestId('start').click();
      await kiosk.getByTestId(`lang-${lang}`).click();
      await kiosk.getByTestId('get-help').click();
      await kiosk.getByTestId('help-status').waitFor();

      const card = here.getByTestId(`help-${KIOSK.id}`);
      await card.waitFor({ timeout: 10_000 });
      // The kiosk connected only to ask (it holds no connection between visitors): heard from, not silent.
      expect(await here.getByTestId(`kiosk-silent-${KIOSK.id}`).count()).toBe(0);
      await checkScreen(here, 'help-request', lang);

      await here.getByTestId(`help-acknowledge-${KIOSK.id}`).click();
      await expect.poll(() => here.getByTestId(`help-coming-${KIOSK.id}`).textContent(), { timeout: 10_000 }).toBe(words.coming);
      await checkScreen(here, 'help-acknowledged', lang);

      // The other office's staff saw nothing of it: no card, no kiosk of this site.
      expect(await elsewhere.getByTestId('help-none').textContent()).toBe(words.none);
      expect(await elsewhere.getByTestId(`kiosk-${KIOSK.id}`).count()).toBe(0);
      expect(await elsewhere.getByTestId('staff-site').textContent()).not.toContain(KIOSK.id);
      await checkScreen(elsewhere, 'other-site', lang);

      // Helped: the card goes; signing out returns to the form.
      await here.getByTestId(`help-resolve-${KIOSK.id}`).click();
      await here.getByTestId('help-none').waitFor({ timeout: 10_000 });
      await here.getByTestId('sign-out').click();
      await here.getByTestId('staff-login-username').waitFor();
    } finally {
      await here.context().close();
      await elsewhere.context().close();
      await kiosk.context().close();
    }
  });

  it('starts a waiting kiosk over from the staff console, after a second tap', async () => {
    const staffUrl = `${server.url}/staff/`;
    const here = await (await browser.newContext({ viewport: TABLET_VIEWPORT })).newPage();
    const kiosk = await (await browser.newContext({ viewport: KIOSK_VIEWPORT })).newPage();
    try {
      await signIn(here, staffUrl, STAFF);
      await kiosk.goto(server.kioskUrl);
      await queueVisitorForAgent(kiosk, 'en');
      // The visitor walked away: the kiosk waits in the queue with nobody in front of it.
      await here.getByTestId(`kiosk-reset-${KIOSK.id}`).click();
      expect(await kiosk.getByTestId('screen-waiting').isVisible()).toBe(true);
      expect(await axeViolations(here)).toEqual([]);
      await here.getByTestId(`kiosk-reset-confirm-${KIOSK.id}`).click();
      await kiosk.getByTestId('start').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => queryRecords<{ end_reason: string }>(server.dataDir, 'SELECT end_reason FROM visits').map((v) => v.end_reason))
        .toContain('reset-by-staff');
    } finally {
      await here.context().close();
      await kiosk.context().close();
    }
  });
});
