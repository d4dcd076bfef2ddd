import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { StatusPacer } from './statusPacer.js';

const INTERVAL_MS = 1_000;

function setUp() {
  const clock = new FakeClock();
  const sends: [string, number][] = [];
  const start = clock.now();
  const pacer: StatusPacer = new StatusPacer(clock, INTERVAL_MS, (ticketId) => {
    sends.push([ticketId, clock.now() - start]);
    pacer.sent(ticketId, 0);
  });
  return { clock, sends, pacer };
}

describe('StatusPacer', () => {
  it('sends at once when the kiosk has heard nothing yet, or nothing for a whole interval', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('t1');
    clock.advance(INTERVAL_MS);
    pacer.request('t1');
    expect(sends).toEqual([
      ['t1', 0],
      ['t1', INTERVAL_MS],
    ]);
  });

  it('owes one status, not one per request, until the interval since the last one is up', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('t1');
    clock.advance(200);
    pacer.request('t1');
    clock.advance(300);
    pacer.request('t1');
    pacer.request('t1');
    expect(sends).toEqual([['t1', 0]]);
    clock.advance(499);
    expect(sends).toEqual([['t1', 0]]);
    clock.advance(1);
    expect(sends).toEqual([
      ['t1', 0],
      ['t1', INTERVAL_MS],
    ]);
    clock.advance(5 * INTERVAL_MS);
    expect(sends).toHaveLength(2);
  });

  it('paces each ticket from its own last status', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('early');
    clock.advance(600);
    pacer.request('late');
    pacer.request('early'); // due at 1,000
    clock.advance(100);
    pacer.request('late'); // due at 1,600
    clock.advance(2_000);
    expect(sends).toEqual([
      ['early', 0],
      ['late', 600],
      ['early', 1_000],
      ['late', 1_600],
    ]);
  });

  it('sends a status owed sooner at its own time, though one owed later was asked for first', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('early'); // heard at 0
    clock.advance(500);
    pacer.request('late'); // heard at 500
    clock.advance(100);
    pacer.request('late'); // owed at 1,500: the timer is set for then
    clock.advance(100);
    pacer.request('early'); // owed at 1,000: the timer comes forward
    clock.advance(299);
    expect(sends).toHaveLength(2);
    clock.advance(1);
    expect(sends.slice(2)).toEqual([['early', 1_000]]);
    clock.advance(500);
    expect(sends.slice(2)).toEqual([
      ['early', 1_000],
      ['late', 1_500],
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('after sending, comes back for the earliest status still owed', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('a'); // heard at 0
    clock.advance(900);
    pacer.request('b'); // heard at 900
    pacer.request('a'); // owed at 1,000
    clock.advance(50);
    pacer.request('b'); // owed at 1,900; the timer stays at 1,000
    clock.advance(50);
    expect(sends).toEqual([
      ['a', 0],
      ['b', 900],
      ['a', 1_000],
    ]);
    // Now b: owed at 1,900 while a, asked for again, is owed at 2,000.
    pacer.request('a');
    clock.advance(899);
    expect(sends).toHaveLength(3);
    clock.advance(1);
    expect(sends.slice(3)).toEqual([['b', 1_900]]);
    clock.advance(100);
    expect(sends.slice(3)).toEqual([
      ['b', 1_900],
      ['a', 2_000],
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('counts statuses sent around it (joining, a resume, the periodic refresh)', () => {
    const { clock, sends, pacer } = setUp();
    pacer.sent('t1', 0);
    clock.advance(400);
    pacer.request('t1');
    expect(sends).toEqual([]);
    clock.advance(300);
    pacer.sent('t1', 0); // the refresh went out: what was owed is paid
    clock.advance(INTERVAL_MS);
    expect(sends).toEqual([]);
  });

  it('owes nothing to a ticket that left, and keeps nothing of it', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('t1');
    pacer.request('t1');
    pacer.forget('t1');
    clock.advance(INTERVAL_MS);
    expect(sends).toEqual([['t1', 0]]);
    pacer.request('t1');
    expect(sends).toEqual([
      ['t1', 0],
      ['t1', INTERVAL_MS],
    ]);
  });

  it('remembers the estimate each kiosk was last told, until the ticket is forgotten', () => {
    const { pacer } = setUp();
    expect(pacer.lastEstimate('t1')).toBeUndefined();
    pacer.sent('t1', 300_000);
    expect(pacer.lastEstimate('t1')).toBe(300_000);
    pacer.sent('t1', 150_000);
    expect(pacer.lastEstimate('t1')).toBe(150_000);
    pacer.forget('t1');
    expect(pacer.lastEstimate('t1')).toBeUndefined();
  });

  it('leaves no timer behind once closed', () => {
    const { clock, sends, pacer } = setUp();
    pacer.request('t1');
    pacer.request('t1');
    expect(clock.pendingTimers).toBe(1);
    pacer.close();
    expect(clock.pendingTimers).toBe(0);
    clock.advance(INTERVAL_MS);
    expect(sends).toEqual([['t1', 0]]);
  });
});
