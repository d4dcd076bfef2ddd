import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_STATUS_REFRESH_MS } from './estimate/waitEstimate.js';
import { FakeClock } from './testing/fakeClock.js';
import { startTestServer, type TestServer } from './testing/testServer.js';

const ESCALATE_AFTER_MS = 90_000;
const DEFAULT_HANDLE_MS = 240_000;

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start() {
  const clock = new FakeClock(Date.now());
  t = await startTestServer({
    clock,
    config: {
      // The fake clock jumps minutes at once: heartbeats on it would find every client silent.
      heartbeatIntervalMs: 600_000,
      routing: {
        defaultHandleTimeMs: DEFAULT_HANDLE_MS,
        escalation: { passport: { afterMs: ESCALATE_AFTER_MS, alsoServedBy: ['pensions'] } },
      },
    },
  });
  return { t, clock };
}

describe('routing over WebSocket', () => {
  it('escalates a waiting visitor to the wider line after the configured time', async () => {
    const { t, clock } = await start();
    const kiosk = await t.kiosk('kiosk-a');
    // Chloe serves French pensions only: not passport, until the passport line escalates.
    const chloe = await t.agent('chloe');
    kiosk.send({ type: 'queue.join', serviceLine: 'passport', language: 'fr' });
    const status = await kiosk.next('queue.status');
    clock.advance(ESCALATE_AFTER_MS - 1);
    // Nothing offered yet: a harmless round trip proves the server has handled everything so far.
    chloe.send({ type: 'presence.set', status: 'available' });
    expect(await chloe.nextMatching((m) => m.type === 'presence.status' || m.type === 'call.offer')).toMatchObject({ type: 'presence.status' });
    clock.advance(1);
    const offer = await chloe.next('call.offer');
    expect(offer.ticket.ticketId).toBe(status.ticketId);
    expect(offer.ticket.serviceLine).toBe('passport');
  });

  it('sends the position, the time waited and the estimate, and refreshes them every 15 s', async () => {
    const { t, clock } = await start();
    const a = await t.kiosk('kiosk-a');
    const b = await t.kiosk('kiosk-b');
    a.send({ type: 'queue.join', serviceLine: 'benefits', language: 'en' });
    await a.next('queue.status');
    b.send({ type: 'queue.join', serviceLine: 'benefits', language: 'en', priority: 'normal' });
    const first = await b.next('queue.status');
    // Nobody serves benefits: counted as one agent, two rounds of the default handle time.
    expect(first).toMatchObject({ position: 2, waitedMs: 0, estimatedWaitMs: 2 * DEFAULT_HANDLE_MS, callbackOffered: false });
    clock.advance(QUEUE_STATUS_REFRESH_MS);
    expect(await b.next('queue.status')).toMatchObject({ position: 2, waitedMs: QUEUE_STATUS_REFRESH_MS, estimatedWaitMs: 2 * DEFAULT_HANDLE_MS });
    expect(await a.next('queue.status')).toMatchObject({ position: 1, waitedMs: QUEUE_STATUS_REFRESH_MS });
  });

  it('refuses a priority or interpreter outside the bounded sets, naming the field', async () => {
    const { t } = await start();
    const kiosk = await t.kiosk('kiosk-a');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en', priority: 'vip' } as never);
    const error = await kiosk.next('error');
    expect(error.code).toBe('INVALID_MESSAGE');
    expect(error.message).toContain('priority');
    kiosk.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en', interpreterLanguage: 'klingon' } as never);
    expect((await kiosk.next('error')).message).toContain('interpreterLanguage');
  });
});
