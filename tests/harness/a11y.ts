import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

/** WCAG 2.2 AA as axe-core checks it: the level the Government of Canada's standard asks for. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** WCAG 2.5.5 (AAA) target size, which the kiosk adopts as its floor. */
export const MIN_TARGET_PX = 44;

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  targets: string[];
}

/** axe-core on the page as it is now; the findings are short enough to read in a failed assertion. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

export interface TargetBox {
  testId: string;
  text: string;
  width: number;
  height: number;
  top: number;
  primary: boolean;
}

/** Every visible button, link and input with its box as Playwright measures it (CSS px). */
export async function targetBoxes(page: Page, selector = 'button, a[href], input, select, textarea, [role="button"]'): Promise<TargetBox[]> {
  const boxes: TargetBox[] = [];
  for (const element of await page.locator(selector).all()) {
    const box = await element.boundingBox();
    if (!box || box.width === 0 || box.height === 0) continue;
    const [testId, text, primary] = await element.evaluate((el) => [
      el.getAttribute('data-testid') ?? '',
      (el.textContent ?? '').trim().slice(0, 40),
      el.classList.contains('btn-primary'),
    ] as const);
    boxes.push({ testId, text, width: box.width, height: box.height, top: box.y, primary });
  }
  return boxes;
}

/** What a visit could leave in the browser profile: everything the wipe must empty. */
export async function visitTraces(page: Page, context: BrowserContext) {
  const inPage = await page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).map((db) => db.name ?? ''),
  }));
  return { ...inPage, cookies: (await context.cookies()).map((c) => c.name) };
}

/** Leaves a trace of every kind, as a careless page or extension might, so the wipe has something to wipe. */
export async function leaveVisitTraces(page: Page): Promise<void> {
  await page.evaluate(async () => {
    localStorage.setItem('visit-note', 'x');
    sessionStorage.setItem('visit-note', 'x');
    document.cookie = 'visit-note=x; path=/';
    await new Promise<void>((done, fail) => {
      const request = indexedDB.open('visit-scratch', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('notes');
      request.onsuccess = () => {
        request.result.close();
        done();
      };
      request.onerror = () => fail(request.error);
    });
  });
}

export interface SpokenUtterance {
  text: string;
  lang: string;
}
export interface SpeechLog {
  spoken: SpokenUtterance[];
  cancels: number;
  /** Utterances said and not yet cancelled: what the visitor would still be hearing. */
  pending: number;
}

/**
 * Replaces `window.speechSynthesis` before the app loads with a recorder (headless Chromium
 * has no voices, and a test must hear what the kiosk says, not a speaker).
 */
export async function recordSpeech(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log = { spoken: [] as { text: string; lang: string }[], cancels: 0, pending: 0 };
    const recorder = {
      speak(utterance: SpeechSynthesisUtterance) {
        log.spoken.push({ text: utterance.text, lang: utterance.lang });
        log.pending++;
      },
      cancel() {
        log.cancels++;
        log.pending = 0;
      },
      pause() {},
      resume() {},
      getVoices: () => [],
      addEventListener() {},
      removeEventListener() {},
      get speaking() {
        return log.pending > 0;
      },
      pending: false,
      paused: false,
      onvoiceschanged: null,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: recorder, configurable: true });
    Object.defineProperty(window, '__speechLog', { value: log });
  });
}

export function speechLog(page: Page): Promise<SpeechLog> {
  return page.evaluate(() => {
    const log = (window as unknown as { __speechLog: SpeechLog }).__speechLog;
    return { spoken: [...log.spoken], cancels: log.cancels, pending: log.pending };
  });
}
