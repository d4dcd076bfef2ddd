import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/harness/chromium.js';
import { startTestServer, type TestServer } from '../../tests/harness/server.js';
import { finishVisit, newVisitorMemory, visitUntilWaiting, type VisitorMemory } from '../lib/kioskVisitor.js';
import { median, round } from '../lib/stats.js';

export interface KioskPlan {
  /** Cold loads (fresh browser context, empty cache) whose median is reported. */
  loads: number;
  /** Visitor cycles; heap growth = after the last minus after the first. */
  visitorCycles: number;
  stepTimeoutMs: number;
}

export interface KioskResult {
  firstInteractiveMs: number;
  jsGzipBytes: number;
  heapGrowthMB: number;
}

type TimedWindow = Window & { __usableAt?: number };

/**
 * Records performance.now() (whose zero is the navigation start) when the welcome screen's
 * start button exists and can be pressed: the kiosk is usable from that moment.
 */
const MARK_USABLE = () => {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  new MutationObserver((_records, observer) => {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="start"]');
    if (!button || button.disabled) return;
    (window as TimedWindow).__usableAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true });
};

const isJavaScript = (url: string, contentType: string | undefined) => /javascript/.test(contentType ?? '') || /\.m?js(\?|$)/.test(url);

async function coldLoad(browser: Browser, server: TestServer, plan: KioskPlan): Promise<{ usableMs: number; jsGzipBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  try {
    await context.addInitScript(MARK_USABLE);
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (!isJavaScript(response.url(), response.headers()['content-type'])) return;
      // Default gzip level, as a static file server or CDN would send it.
      scripts.push(response.body().then((body) => gzipSync(body).length, () => 0));
    });
    await page.goto(server.kioskUrl);
    await page.waitForFunction(() => (window as TimedWindow).__usableAt !== undefined, undefined, { timeout: plan.stepTimeoutMs });
    const usableMs = await page.evaluate(() => (window as TimedWindow).__usableAt!);
    await page.waitForLoadState('networkidle', { timeout: plan.stepTimeoutMs }).catch(() => undefined);
    const sizes = await Promise.all(scripts);
    return { usableMs, jsGzipBytes: sizes.reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}

/** One visitor who asks for an agent, waits, changes their mind, and is thanked. */
async function visitorCycle(page: Page, memory: VisitorMemory, timeoutMs: number): Promise<void> {
  await visitUntilWaiting(page, memory, timeoutMs);
  await page.getByTestId('leave-queue').click();
  await finishVisit(page, timeoutMs);
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

async function heapGrowth(browser: Browser, server: TestServer, plan: KioskPlan): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(plan.stepTimeoutMs);
    await page.goto(server.kioskUrl);
    const memory = newVisitorMemory();
    await visitorCycle(page, memory, plan.stepTimeoutMs);
    const afterFirst = await heapAfterGc(page);
    for (let cycle = 1; cycle < plan.visitorCycles; cycle++) await visitorCycle(page, memory, plan.stepTimeoutMs);
    const afterLast = await heapAfterGc(page);
    return (afterLast - afterFirst) / (1024 * 1024);
  } finally {
    await context.close();
  }
}

/** The kiosk renderer as a visitor meets it: how soon it is usable, what it downloads, whether it leaks. */
export async function benchKiosk(plan: KioskPlan, log: (line: string) => void): Promise<{ summary: KioskResult; loadsMs: number[] }> {
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    const loads: { usableMs: number; jsGzipBytes: number }[] = [];
    for (let i = 0; i < plan.loads; i++) loads.push(await coldLoad(browser, server, plan));
    const loadsMs = loads.map((l) => l.usableMs);
    log(`  kiosk: usable after ${loadsMs.map((ms) => Math.round(ms)).join(' ')} ms; JS ${loads[0]?.jsGzipBytes} bytes gzipped`);
    const growthMB = await heapGrowth(browser, server, plan);
    log(`  kiosk: heap growth over ${plan.visitorCycles} visitor cycles ${round(growthMB, 3)} MB`);
    return {
      loadsMs,
      summary: {
        firstInteractiveMs: round(median(loadsMs)),
        jsGzipBytes: Math.max(...loads.map((l) => l.jsGzipBytes)),
        heapGrowthMB: round(growthMB, 3),
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
