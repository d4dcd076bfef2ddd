import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tests/harness/chromium.js';
import { AGENT, startTestServer } from '../../tests/harness/server.js';
import { newVisitorMemory, visitUntilWaiting } from '../lib/kioskVisitor.js';
import { median, percentile, round } from '../lib/stats.js';
import { startRawRelay } from './rawRelay.js';

export interface CallSetupPlan {
  calls: number;
  rawCalls: number;
  /**
   * How long the offer rings on the console before the agent accepts. A person reads the offer and
   * taps: a second at the very least. What both sides prepare while it rings (docs/performance.md)
   * must not be measured racing an accept no person could make.
   */
  ringMs: number;
  /**
   * Added to every signaling frame each way, in both our pages and the raw ones (0: loopback). The
   * media path stays loopback: this stands for a signaling server a few hundred kilometres away.
   */
  signalingDelayMs: number;
  /** Bound on one call's setup (queue, offer, accept, first frame). */
  callTimeoutMs: number;
}

export interface CallSetupResult {
  medianMs: number;
  p95Ms: number;
  rawMedianMs: number;
  ratioToRaw: number;
}

type TimedWindow = Window & { __firstFrameAt?: number; __acceptAt?: number; __startAt?: number; __start?: () => void; __ready?: boolean };

/**
 * Kiosk side: when the remote <video> gets its stream, wait for its first presented frame and
 * note the wall clock. Wall clock (Date.now) because the accept happens in another page,
 * whose performance.now() has another origin; both pages share the machine's clock.
 */
const MARK_FIRST_REMOTE_FRAME = () => {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    get(this: HTMLMediaElement) {
      return descriptor.get!.call(this);
    },
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      descriptor.set!.call(this, value);
      if (value && this instanceof HTMLVideoElement && this.dataset.testid === 'remote-video') {
        this.requestVideoFrameCallback(() => {
          (window as TimedWindow).__firstFrameAt ??= Date.now();
        });
      }
    },
  });
};

/** Agent side: the moment the accept button is clicked (capture phase, before the app reacts). */
const MARK_ACCEPT_CLICK = () => {
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element | null)?.closest('[data-testid="accept"]')) (window as TimedWindow).__acceptAt = Date.now();
    },
    true,
  );
};

/** Every WebSocket frame of the context's pages, each way, `delayMs` late and in order. */
async function delaySignaling(context: BrowserContext, delayMs: number): Promise<void> {
  if (delayMs <= 0) return;
  await context.routeWebSocket(/./, (route) => {
    const server = route.connectToServer();
    route.onMessage((frame) => setTimeout(() => server.send(frame), delayMs));
    server.onMessage((frame) => setTimeout(() => route.send(frame), delayMs));
  });
}

async function ourCalls(browser: Browser, plan: CallSetupPlan): Promise<number[]> {
  const server = await startTestServer();
  const contexts: BrowserContext[] = [];
  try {
    const agentContext = await browser.newContext();
    contexts.push(agentContext);
    await agentContext.addInitScript(MARK_ACCEPT_CLICK);
    await delaySignaling(agentContext, plan.signalingDelayMs);
    const agent = await agentContext.newPage();
    agent.setDefaultTimeout(plan.callTimeoutMs);
    await agent.goto(server.agentUrl);
    await agent.getByTestId('login-username').fill(AGENT.username);
    await agent.getByTestId('login-password').fill(AGENT.password);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('go-available').click();

    const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    contexts.push(kioskContext);
    await kioskContext.addInitScript(MARK_FIRST_REMOTE_FRAME);
    await delaySignaling(kioskContext, plan.signalingDelayMs);
    const kiosk = await kioskContext.newPage();
    kiosk.setDefaultTimeout(plan.callTimeoutMs);

    const memory = newVisitorMemory();
    const samples: number[] = [];
    for (let call = 0; call < plan.calls; call++) {
      // A fresh page per visitor (via about:blank: a fragment-only change would not reload).
      await kiosk.goto('about:blank');
      await kiosk.goto(server.kioskUrl);
      await visitUntilWaiting(kiosk, memory, plan.callTimeoutMs);
      await agent.getByTestId('offer').waitFor();
      await agent.waitForTimeout(plan.ringMs);
      await agent.evaluate(() => delete (window as TimedWindow).__acceptAt);
      await agent.getByTestId('accept').click();
      await kiosk.waitForFunction(() => (window as TimedWindow).__firstFrameAt !== undefined, undefined, { timeout: plan.callTimeoutMs });
      const frameAt = await kiosk.evaluate(() => (window as TimedWindow).__firstFrameAt!);
      const acceptAt = await agent.evaluate(() => (window as TimedWindow).__acceptAt!);
      samples.push(frameAt - acceptAt);
      await agent.getByTestId('end-call').click();
      await agent.getByTestId('outcome-resolved').click();
      // The agent is available again after wrap-up; the next visitor is offered to them.
      await agent.getByTestId('screen-wrapup').waitFor({ state: 'detached' });
    }
    return samples;
  } finally {
    for (const context of contexts) await context.close();
    await server.stop();
  }
}

async function rawCalls(browser: Browser, plan: CallSetupPlan): Promise<number[]> {
  const relay = await startRawRelay();
  const contexts: BrowserContext[] = [];
  try {
    const pages: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
      contexts.push(context);
      await delaySignaling(context, plan.signalingDelayMs);
      pages.push(await context.newPage());
    }
    const [caller, callee] = pages as [Page, Page];
    const samples: number[] = [];
    for (let call = 0; call < plan.rawCalls; call++) {
      await caller.goto(`${relay.url}/?role=caller`);
      await callee.goto(`${relay.url}/?role=callee`);
      for (const page of pages) await page.waitForFunction(() => (window as TimedWindow).__ready === true, undefined, { timeout: plan.callTimeoutMs });
      await callee.evaluate(() => (window as TimedWindow).__start!());
      await caller.waitForFunction(() => (window as TimedWindow).__firstFrameAt !== undefined, undefined, { timeout: plan.callTimeoutMs });
      const frameAt = await caller.evaluate(() => (window as TimedWindow).__firstFrameAt!);
      const startAt = await callee.evaluate(() => (window as TimedWindow).__startAt!);
      samples.push(frameAt - startAt);
    }
    return samples;
  } finally {
    for (const context of contexts) await context.close();
    await relay.stop();
  }
}

/**
 * Agent's accept → first decoded remote frame at the kiosk, through the real server and the
 * real renderer, against the same measure for two bare RTCPeerConnection pages.
 */
export async function benchCallSetup(plan: CallSetupPlan, log: (line: string) => void): Promise<{ summary: CallSetupResult; samples: number[]; rawSamples: number[] }> {
  const browser = await launchChromium();
  try {
    const samples = await ourCalls(browser, plan);
    log(`  callSetup: ours ${samples.map((s) => Math.round(s)).join(' ')} ms`);
    const rawSamples = await rawCalls(browser, plan);
    log(`  callSetup: raw  ${rawSamples.map((s) => Math.round(s)).join(' ')} ms`);
    const medianMs = median(samples);
    const rawMedianMs = median(rawSamples);
    return {
      samples,
      rawSamples,
      summary: { medianMs: round(medianMs), p95Ms: round(percentile(samples, 95)), rawMedianMs: round(rawMedianMs), ratioToRaw: round(medianMs / rawMedianMs) },
    };
  } finally {
    await browser.close();
  }
}
