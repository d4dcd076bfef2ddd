import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, queueVisitorForAgent, signInAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { peerConnectionsOf, trackPeerConnections, type PeerConnectionView } from '../harness/peerConnections.js';
import { startTestServer, type TestServer } from '../harness/server.js';

/** How long the console rings before the test looks: far longer than preparing takes. */
const RING_MS = 1_500;
/** Bound on preparing or closing a connection on a loaded machine (it takes a few hundred ms). */
const PREPARE_TIMEOUT_MS = 10_000;

const live = (all: PeerConnectionView[]) => all.filter((pc) => pc.signalingState !== 'closed');

/**
 * While the agent's console rings, both sides prepare the call: the kiosk its offer (sent to that
 * console), the console its answer, which it holds (docs/performance.md, "Call setup: both sides
 * ready before the accept"). Nothing of the visitor's or the agent's media may flow before the
 * accept, and the accept uses what was prepared.
 */
describe('the call prepared while the console rings', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function ringingPages(): Promise<{ kiosk: Page; agent: Page }> {
    server ??= await startTestServer();
    browser ??= await launchChromium();
    const kioskContext = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    const agentContext = await browser.newContext({ viewport: AGENT_VIEWPORT });
    await kioskContext.addInitScript(trackPeerConnections);
    await agentContext.addInitScript(trackPeerConnections);
    const kiosk = await kioskContext.newPage();
    const agent = await agentContext.newPage();
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await signInAgent(agent, server.agentUrl);
    await agent.getByTestId('go-available').click();
    await agent.getByTestId('offer').waitFor();
    return { kiosk, agent };
  }

  it('answers the kiosk’s offer while ringing, lets no media flow before the accept, and uses that answer after it', async () => {
    const { kiosk, agent } = await ringingPages();
    // The console has the kiosk's offer and its own answer while it still rings.
    await expect
      .poll(async () => live(await peerConnectionsOf(agent)).map((pc) => [pc.remoteType, pc.localType]), { timeout: PREPARE_TIMEOUT_MS })
      .toEqual([['offer', 'answer']]);
    await agent.waitForTimeout(RING_MS);

    // The answer stays on the console: the kiosk has no remote description, no secure transport, no media.
    const [kioskSide] = live(await peerConnectionsOf(kiosk));
    expect(kioskSide).toMatchObject({ localType: 'offer', remoteType: null, packetsReceived: 0 });
    expect(kioskSide?.dtlsStates).not.toContain('connected');
    const [agentSide] = live(await peerConnectionsOf(agent));
    expect(agentSide?.packetsReceived).toBe(0);
    expect(agentSide?.connectionState).not.toBe('connected');
    // Audio, video and data share one transport from the first offer: one set of candidates, one TURN allocation.
    for (const side of [kioskSide, agentSide]) expect(side).toMatchObject({ bundlePolicy: 'max-bundle', transports: 1 });

    await agent.getByTestId('accept').click();
    await waitForTwoWayCall(kiosk, agent);
    // Each side made one connection: the accept used the ones prepared while ringing.
    expect(await peerConnectionsOf(agent)).toHaveLength(1);
    expect(await peerConnectionsOf(kiosk)).toHaveLength(1);
    await agent.getByTestId('end-call').click();
    await agent.getByTestId('outcome-resolved').click();
  });

  it('closes what the console prepared when the agent declines', async () => {
    const { agent } = await ringingPages();
    await expect.poll(async () => live(await peerConnectionsOf(agent)), { timeout: PREPARE_TIMEOUT_MS }).toHaveLength(1);
    await agent.getByTestId('decline').click();
    await expect.poll(async () => live(await peerConnectionsOf(agent)), { timeout: PREPARE_TIMEOUT_MS }).toEqual([]);
  });
});
