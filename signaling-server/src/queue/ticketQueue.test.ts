import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { TicketQueue, type NewTicket } from './ticketQueue.js';

const ticket = (ticketId: string, over: Partial<NewTicket> = {}): NewTicket => ({
  ticketId,
  serviceLine: 'pensions',
  language: 'en',
  siteId: 'site-1',
  kioskId: `kiosk-${ticketId}`,
  ...over,
});

describe('TicketQueue', () => {
  it('is FIFO per (service line, language) with 1-based positions', () => {
    const clock = new FakeClock();
    const queue = new TicketQueue(clock);
    expect(queue.join(ticket('a')).position).toBe(1);
    expect(queue.join(ticket('b')).position).toBe(2);
    // Another language is another queue: position starts again at 1.
    expect(queue.join(ticket('c', { language: 'fr' })).position).toBe(1);
    expect(queue.join(ticket('d', { serviceLine: 'passport' })).position).toBe(1);
    expect(queue.position('b')).toBe(2);
    expect(queue.size).toBe(4);
  });

  it('moves the tickets behind a removed one up, and only those', () => {
    const queue = new TicketQueue(new FakeClock());
    ['a', 'b', 'c', 'd'].forEach((id) => queue.join(ticket(id)));
    queue.join(ticket('x', { language: 'fr' }));
    const removed = queue.remove('b');
    expect(removed?.ticket.ticketId).toBe('b');
    expect(removed?.moved.map((m) => [m.ticket.ticketId, m.position])).toEqual([
      ['c', 2],
      ['d', 3],
    ]);
    expect(queue.position('a')).toBe(1);
    expect(queue.position('x')).toBe(1);
    expect(queue.remove('b')).toBeUndefined();
  });

  it('lists all waiting tickets longest-waiting first, arrival order breaking ties', () => {
    const clock = new FakeClock();
    const queue = new TicketQueue(clock);
    queue.join(ticket('first', { language: 'fr' }));
    queue.join(ticket('same-ms'));
    clock.advance(5);
    queue.join(ticket('later', { serviceLine: 'passport' }));
    expect(queue.waitingOldestFirst().map((t) => t.ticketId)).toEqual(['first', 'same-ms', 'later']);
  });

  it('reports waited time from the injected clock', () => {
    const clock = new FakeClock();
    const queue = new TicketQueue(clock);
    const { ticket: t } = queue.join(ticket('a'));
    clock.advance(1_500);
    expect(queue.summary(t)).toEqual({
      ticketId: 'a',
      serviceLine: 'pensions',
      language: 'en',
      siteId: 'site-1',
      kioskId: 'kiosk-a',
      waitedMs: 1_500,
    });
  });

  it('refuses a duplicate ticket id', () => {
    const queue = new TicketQueue(new FakeClock());
    queue.join(ticket('a'));
    expect(() => queue.join(ticket('a'))).toThrow();
  });
});
