import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintTurnCredentials } from '../../signaling-server/src/turn/turnCredentials.js';
import { launchChromium } from '../harness/chromium.js';
import { startCoturn, type Coturn } from '../harness/coturn.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, acceptNextVisitor, queueVisitorForAgent } from '../harness/journeys.js';
import { waitForTwoWayCall } from '../harness/media.js';
import { trackPeerConnections } from '../harness/peerConnections.js';
import { startTestServer, type TestServer } from '../harness/server.js';

/** Long enough for coturn's 401 round trips on a loaded machine; gathering normally ends in well under a second. */
const GATHER_TIMEOUT_MS = 10_000;
const TTL_SECONDS = 600;

interface SelectedPair {
  policy: string | undefined;
  state: string;
  localType: string | undefined;
  remoteType: string | undefined;
  bytesReceived: number;
}

/** The candidate pair the connected RTCPeerConnection really uses, read from getStats(). */
async function selectedPair(page: Page): Promise<SelectedPair> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pc = all.find((c) => c.connectionState === 'connected');
    if (!pc) throw new Error(`no connected RTCPeerConnection among ${all.length}`);
    const stats: (RTCStats & Record<string, unknown>)[] = [];
    (await pc.getStats()).forEach((s: RTCStats & Record<string, unknown>) => stats.push(s));
    const byId = new Map(stats.map((s) => [s.id, s]));
    const transport = stats.find((s) => s.type === 'transport' && typeof s['selectedCandidatePairId'] === 'string');
    const pair = transport ? byId.get(transport['selectedCandidatePairId'] as string) : undefined;
    if (!pair) throw new Error('no selected candidate pair');
    return {
      policy: pc.getConfiguration().iceTransportPolicy,
      state: String(pair['state']),
      localType: byId.get(pair['localCandidateId'] as string)?.['candidateType'] as string | undefined,
      remoteType: byId.get(pair['remoteCandidateId'] as string)?.['candidateType'] as string | undefined,
      bytesReceived: Number(pair['bytesReceived'] ?? 0),
    };
  });
}

interface Gathered {
  candidateTypes: string[];
  errorCodes: number[];
}

/** Gathers ICE candidates through coturn alone (relay policy) with the given credentials. */
function gatherRelay(page: Page, server: RTCIceServer): Promise<Gathered> {
  return page.evaluate(
    async ({ server, timeoutMs }) => {
      const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
      const candidateTypes: string[] = [];
      const errorCodes: number[] = [];
      pc.addEventListener('icecandidate', (event) => {
        if (event.candidate?.type) candidateTypes.push(event.candidate.type);
      });
      pc.addEventListener('icecandidateerror', (event) => errorCodes.push((event as RTCPeerConnectionIceErrorEvent).errorCode));
      const complete = new Promise<void>((done) => {
        pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && done());
      });
      pc.createDataChannel('probe');
      await pc.setLocalDescription(await pc.createOffer());
      await Promise.race([complete, new Promise((done) => setTimeout(done, timeoutMs))]);
      pc.close();
      return { candidateTypes, errorCodes };
    },
    { server, timeoutMs: GATHER_TIMEOUT_MS },
  );
}

describe('calls through a real coturn with time-limited credentials', () => {
  let coturn: Coturn;
  let server: TestServer;
  let browser: Browser;
  let contexts: BrowserContext[];

  beforeAll(async () => {
    coturn = await startCoturn();
    server = await startTestServer({
      turn: { secret: coturn.secret, urls: [`${coturn.url}?transport=udp`], ttlSeconds: TTL_SECONDS, realm: coturn.realm },
      iceTransportPolicy: 'relay',
    });
    browser = await launchChromium();
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await coturn?.stop();
  });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addInitScript(trackPeerConnections);
    return context.newPage();
  }

  it('connects kiosk and agent by video both ways through the relay only', async () => {
    const kiosk = await newPage(KIOSK_VIEWPORT);
    const agent = await newPage(AGENT_VIEWPORT);

    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await acceptNextVisitor(agent, server.agentUrl);

    const { atKiosk, atAgent } = await waitForTwoWayCall(kiosk, agent);
    for (const side of [atKiosk, atAgent]) {
      expect(side.decodedFrames).toBeGreaterThan(0);
      expect(side.audioTrackStates).toContain('live');
    }

    for (const page of [kiosk, agent]) {
      // The policy came from the server's welcome, and no host or srflx path was even tried.
      // Polled (bounded), not read once: right after the first decoded frame, the side that did not
      // nominate the pair can still report its own check of it as 'in-progress' (seen once in a
      // full run), and the byte counters are refreshed only on Chromium's stats interval.
      await expect
        .poll(() => selectedPair(page), { timeout: 5_000 })
        .toMatchObject({ policy: 'relay', state: 'succeeded', localType: 'relay', remoteType: 'relay' });
      await expect.poll(async () => (await selectedPair(page)).bytesReceived, { timeout: 5_000 }).toBeGreaterThan(0);
    }

    await agent.getByTestId('end-call').click();
    await agent.getByTestId('screen-wrapup').waitFor();
  });

  describe('coturn checks the credentials itself', () => {
    let probe: Page;
    beforeAll(async () => {
      probe = await newPage({ width: 800, height: 600 });
      await probe.goto(`${server.url}/healthz`);
    });

    it('relays with fresh credentials minted as the server mints them (the control)', async () => {
      const { username, credential } = mintTurnCredentials({ secret: coturn.secret, ttlSeconds: TTL_SECONDS }, 'probe', Date.now());
      const gathered = await gatherRelay(probe, { urls: coturn.url, username, credential });
      expect(gathered.candidateTypes).toContain('relay');
    });

    it('refuses a credential signed with another secret', async () => {
      const { username, credential } = mintTurnCredentials(
        { secret: 'not-the-coturn-secret-0123456789abcdef', ttlSeconds: TTL_SECONDS },
        'probe',
        Date.now(),
      );
      const gathered = await gatherRelay(probe, { urls: coturn.url, username, credential });
      expect(gathered.candidateTypes).toEqual([]);
      expect(gathered.errorCodes).toContain(401);
    });

    it('refuses a correctly signed username whose expiry has passed', async () => {
      // Minted two TTLs ago: signed with the right secret, expired one TTL ago.
      const { username, credential, expiresAtMs } = mintTurnCredentials(
        { secret: coturn.secret, ttlSeconds: TTL_SECONDS },
        'probe',
        Date.now() - 2 * TTL_SECONDS * 1000,
      );
      expect(expiresAtMs).toBeLessThan(Date.now());
      const gathered = await gatherRelay(probe, { urls: coturn.url, username, credential });
      expect(gathered.candidateTypes).toEqual([]);
      expect(gathered.errorCodes).toContain(401);
    });
  });
});
