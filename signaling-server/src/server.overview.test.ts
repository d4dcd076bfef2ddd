import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../protocol/index.js';
import type { TestClient } from './testing/testClient.js';
import { startTestServer, testConfigInput, TEST_AGENTS, type TestServer } from './testing/testServer.js';

/** A flush comes at most a second after a change; this leaves room for a loaded machine. */
const OVERVIEW_WAIT_MS = 4_000;
const PROBE = 'overview.probe';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** Bruno is the supervisor; alice (en/fr, three lines) and chloe (French pensions) are not. */
async function start(): Promise<TestServer> {
  const base = testConfigInput();
  t = await startTestServer({
    config: { agents: base.agents.map((a) => (a.id === TEST_AGENTS.bruno.id ? { ...a, supervisor: true } : a)) },
  });
  return t;
}

/** Everything the server sent before this call has arrived once the probe's error does. */
async function drained(client: TestClient): Promise<ServerMessage[]> {
  client.send({ type: PROBE });
  await client.nextMatching((m) => m.type === 'error' && m.inReplyTo === PROBE, OVERVIEW_WAIT_MS, 'probe reply');
  return client.unread();
}

const waitingOn = (serviceLine: string, language: string, waiting: number) => (m: ServerMessage) =>
  (m.type === 'queue.overview' || m.type === 'supervisor.snapshot') &&
  m.lines.some((l) => l.serviceLine === serviceLine && l.language === language && l.waiting === waiting);

describe('queue overview over WebSocket', () => {
  it('shows each agent only the lines it serves', async () => {
    const t = await start();
    const chloe = await t.agent('chloe', { available: false });
    const first = await chloe.next('queue.overview', OVERVIEW_WAIT_MS);
    expect(first.lines).toEqual([{ serviceLine: 'pensions', language: 'fr', waiting: 0, longestWaitMs: 0, estimatedWaitMs: expect.any(Number) }]);

    const alice = await t.agent('alice');
    const kiosk = await t.kiosk('kiosk-a');
    // Nobody serves benefits: the visitor waits, and only a supervisor would see that line.
    kiosk.send({ type: 'queue.join', serviceLine: 'benefits', language: 'en' });
    await kiosk.next('queue.status');
    const aliceView = await alice.nextMatching((m) => m.type === 'queue.overview', OVERVIEW_WAIT_MS);
    expect(aliceView.type === 'queue.overview' && aliceView.lines.map((l) => l.serviceLine)).not.toContain('benefits');
    const chloeSaw = [...(await drained(chloe))].filter((m) => m.type === 'queue.overview');
    for (const m of chloeSaw) {
      if (m.type === 'queue.overview') expect(m.lines.every((l) => l.serviceLine === 'pensions' && l.language === 'fr')).toBe(true);
    }
  });

  it('sends supervisor snapshots to supervisors only, and nothing of either to kiosks', async () => {
    const t = await start();
    const bruno = await t.agent('bruno', { available: false });
    const alice = await t.agent('alice', { available: false });
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'benefits', language: 'fr' });
    await kiosk.next('queue.status');

    const snapshot = await bruno.nextMatching(waitingOn('benefits', 'fr', 1), OVERVIEW_WAIT_MS, 'supervisor snapshot with the visitor');
    expect(snapshot.type).toBe('supervisor.snapshot');
    if (snapshot.type !== 'supervisor.snapshot') return;
    expect(snapshot.agents.map((a) => a.agentId).sort()).toEqual([TEST_AGENTS.alice.id, TEST_AGENTS.bruno.id]);
    // Ids only: no username, no ticket, no kiosk.
    const text = JSON.stringify(snapshot);
    for (const secret of ['alice', 'bruno', 'kiosk-a']) expect(text).not.toContain(secret);

    // Bruno's snapshot and alice's overview leave in the same flush: by now alice has hers.
    await alice.nextMatching((m) => m.type === 'queue.overview', OVERVIEW_WAIT_MS);
    expect((await drained(alice)).filter((m) => m.type === 'supervisor.snapshot')).toEqual([]);
    expect((await drained(kiosk)).filter((m) => m.type === 'queue.overview' || m.type === 'supervisor.snapshot')).toEqual([]);
  });
});
