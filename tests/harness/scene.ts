import type { Browser, Page } from 'playwright-core';
import type { ServerConfig } from '../../signaling-server/src/index.js';
import { launchChromium } from './chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT } from './journeys.js';
import { startTestServer, type TestServer } from './server.js';

/** A real server, one Chromium, and a kiosk page and an agent page in contexts of their own. */
export interface CallScene {
  server: TestServer;
  browser: Browser;
  kiosk: Page;
  agent: Page;
  close(): Promise<void>;
}

export async function openCallScene(overrides: Partial<ServerConfig> = {}): Promise<CallScene> {
  const server = await startTestServer(overrides);
  const browser = await launchChromium();
  const kiosk = await (await browser.newContext({ viewport: KIOSK_VIEWPORT })).newPage();
  const agent = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
  return {
    server,
    browser,
    kiosk,
    agent,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
