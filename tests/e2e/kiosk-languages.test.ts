import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_TARGET_PX, targetBoxes } from '../harness/a11y.js';
import { launchChromium } from '../harness/chromium.js';
import { KIOSK_VIEWPORT } from '../harness/journeys.js';
import { startTestServer, type TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');
/** Sub-pixel rounding: a box may measure one pixel past its container without anything being cut. */
const TOLERANCE_PX = 1;

/**
 * The layout switches of browser mode (renderer/kiosk/bridge.ts): the pseudo-locale (accented,
 * 30 % longer, bracketed) and right to left. Each is tried alone, and then both at once with
 * larger text, the hardest case.
 */
const VARIANTS = [
  { name: 'pseudo', fragment: '&pseudo=1', largeText: false },
  { name: 'rtl', fragment: '&dir=rtl', largeText: false },
  { name: 'pseudo-rtl-large', fragment: '&pseudo=1&dir=rtl', largeText: true },
] as const;

interface LayoutProblem {
  problem: string;
  element: string;
}

/**
 * What "the layout survives" means on one screen: no button or heading cut (its content wider
 * than its box) or pushed off the screen sideways, and nothing of the screen under the bottom
 * bar (content that scrolls is clipped by its scrolling box, which must itself end above the bar).
 */
function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate((tolerance) => {
    const problems: { problem: string; element: string }[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const footer = document.querySelector('.kiosk-footer');
    const footerTop = footer ? footer.getBoundingClientRect().top : window.innerHeight;
    const scroller = (el: Element): Element | null => {
      for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowY;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return node;
      }
      return null;
    };
    for (const el of Array.from(document.querySelectorAll('button, [role="button"], a[href], h1, h2, h3, legend, label'))) {
      if (!(el instanceof HTMLElement) || !visible(el)) continue;
      const rect = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + tolerance) problems.push({ problem: `text overflows (${el.scrollWidth} > ${el.clientWidth})`, element: name(el) });
      if (rect.left < -tolerance || rect.right > window.innerWidth + tolerance) {
        problems.push({ problem: `outside the screen sideways (${Math.round(rect.left)}..${Math.round(rect.right)})`, element: name(el) });
      }
      if (footer?.contains(el)) continue;
      const clip = scroller(el);
      const bottom = clip && clip.scrollHeight > clip.clientHeight ? clip.getBoundingClientRect().bottom : rect.bottom;
      if (bottom > footerTop + tolerance) problems.push({ problem: `under the bottom bar (${Math.round(bottom)} > ${Math.round(footerTop)})`, element: name(el) });
    }
    return problems;
  }, TOLERANCE_PX);
}

describe('the kiosk layout in other languages: pseudo-locale and right to left', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the layout check itself catches a cut button, one off screen and one under the bottom bar', async () => {
    const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    const page = await context.newPage();
    await page.goto(server.kioskUrl);
    await page.getByTestId('screen-welcome').waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await page.evaluate(() => {
      const add = (style: string, text: string) => {
        const button = document.createElement('button');
        button.setAttribute('style', style);
        button.textContent = text;
        document.querySelector('.kiosk')?.append(button);
      };
      add('position: fixed; top: 300px; left: 10px; width: 60px; white-space: nowrap; overflow: hidden', 'A label far too long for its box');
      add('position: fixed; top: 400px; left: 1050px; width: 200px', 'Off');
      add('position: fixed; bottom: 10px; left: 400px', 'Under');
    });
    const problems = (await layoutProblems(page)).map((p) => p.problem.split(' (')[0]);
    expect(problems).toEqual(['text overflows', 'outside the screen sideways', 'under the bottom bar']);
    await context.close();
  });

  for (const variant of VARIANTS) {
    it(`walks the main screens (${variant.name}) with nothing cut, off screen, small or under the bottom bar`, async () => {
      const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
      const page = await context.newPage();
      await page.goto(`${server.kioskUrl}${variant.fragment}`);
      await page.getByTestId('screen-welcome').waitFor();

      const rtl = variant.fragment.includes('dir=rtl');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(rtl ? 'rtl' : '');
      const greeting = await page.locator('#welcome-title').textContent();
      if (variant.fragment.includes('pseudo')) expect(greeting).toMatch(/\[Ĥéļļö .*\]/u);
      else expect(greeting).toContain('Hello');
      if (variant.largeText) {
        await page.getByTestId('toggle-text-size').click();
        await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
      }

      const check = async (screen: string) => {
        await page.evaluate(() => document.fonts.ready);
        expect(await layoutProblems(page), `layout on ${screen} (${variant.name})`).toEqual([]);
        const small = (await targetBoxes(page)).filter((b) => b.width < MIN_TARGET_PX || b.height < MIN_TARGET_PX);
        expect(small, `small targets on ${screen} (${variant.name})`).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `kiosk-layout-${variant.name}-${screen}.png`) });
      };

      await check('welcome');
      await page.getByTestId('start').click();
      await page.getByTestId('screen-language').waitFor();
      await check('language');
      await page.getByTestId('lang-fr').click();
      await page.getByTestId('screen-privacy').waitFor();
      await check('privacy');
      await page.getByTestId('accept-privacy').click();
      await page.getByTestId('screen-triage').waitFor();
      await check('triage');
      await page.getByTestId('option-passport').click();
      await page.getByTestId('option-urgent').click();
      await page.getByTestId('outcome-talk').waitFor();
      await check('outcome');
      await page.getByTestId('outcome-talk').click();
      await page.getByTestId('screen-confirm').waitFor();
      await check('confirm');
      // No agent signs in: the visitor waits in line.
      await page.getByTestId('talk-to-agent').click();
      await page.getByTestId('screen-waiting').waitFor();
      await check('waiting');
      await page.getByTestId('leave-queue').click();
      await page.getByTestId('screen-thanks').waitFor();
      await check('thanks');
      await context.close();
    });
  }
});
