import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { Fenwick } from './fenwick.js';
import { TicketQueue, type NewTicket, type WaitingLine } from './ticketQueue.js';

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

  it('restores a persisted ticket at the end of its line, keeping when it joined', () => {
    const clock = new FakeClock();
    const queue = new TicketQueue(clock);
    const joinedAt = clock.now() - 60_000;
    expect(queue.restore({ ...ticket('old'), joinedAt }).position).toBe(1);
    expect(queue.join(ticket('new')).position).toBe(2);
    expect(queue.get('old')?.joinedAt).toBe(joinedAt);
    expect(queue.waitedMs(queue.get('old')!)).toBe(60_000);
    expect(queue.waitingOldestFirst().map((t) => t.ticketId)).toEqual(['old', 'new']);
  });

  it('exposes each non-empty line, read lazily from its head in arrival order', () => {
    const queue = new TicketQueue(new FakeClock());
    ['a', 'b', 'c'].forEach((id) => queue.join(ticket(id)));
    queue.join(ticket('x', { language: 'fr' }));
    queue.remove('a');
    queue.remove('x');
    const lines = [...queue.lines()];
    expect(lines.map((l) => [l.serviceLine, l.language])).toEqual([['pensions', 'en']]);
    const read = lines[0]!.inArrivalOrder();
    expect(read.next().value?.ticketId).toBe('b');
    expect(read.next().value?.ticketId).toBe('c');
    expect(read.next().done).toBe(true);
  });

  it('keeps positions exact through a long life of joins and leaves (slots renumbered on the way)', () => {
    const queue = new TicketQueue(new FakeClock());
    const model: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      queue.join(ticket(`t${i}`));
      model.push(`t${i}`);
      // Serve the head twice out of three rounds, and let someone in the middle leave now and then.
      if (i % 3 !== 0) queue.remove(model.shift()!);
      if (i % 7 === 0 && model.length > 2) queue.remove(model.splice(1, 1)[0]!);
    }
    expect(queue.size).toBe(model.length);
    model.forEach((id, index) => expect(queue.position(id)).toBe(index + 1));
  });
});

/** The same operations on a plain array per line: positions are indices, moved is the tail. */
describe('TicketQueue agrees with a plain array model', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('join' as const), language: fc.constantFrom<'en' | 'fr'>('en', 'fr') }),
    fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }),
  );

  it('gives the same positions and the same moved tickets', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const queue = new TicketQueue(new FakeClock());
        const model = new Map<'en' | 'fr', string[]>([
          ['en', []],
          ['fr', []],
        ]);
        const everyone = () => [...model.values()].flat();
        ops.forEach((o, i) => {
          if (o.kind === 'join') {
            const line = model.get(o.language)!;
            line.push(`t${i}`);
            expect(queue.join(ticket(`t${i}`, { language: o.language })).position).toBe(line.length);
            return;
          }
          const waiting = everyone();
          if (waiting.length === 0) return expect(queue.remove('nobody')).toBeUndefined();
          const id = waiting[o.pick % waiting.length]!;
          const line = [...model.values()].find((l) => l.includes(id))!;
          const index = line.indexOf(id);
          line.splice(index, 1);
          const removed = queue.remove(id);
          expect(removed?.moved.map((m) => [m.ticket.ticketId, m.position])).toEqual(line.slice(index).map((t, k) => [t, index + k + 1]));
        });
        for (const line of model.values()) line.forEach((id, index) => expect(queue.position(id)).toBe(index + 1));
        const heads = new Map([...queue.lines()].map((l: WaitingLine) => [l.language, l.inArrivalOrder().next().value?.ticketId]));
        for (const [language, line] of model) expect(heads.get(language)).toBe(line[0]);
        expect(queue.waitingOldestFirst().map((t) => t.ticketId)).toEqual(everyone().sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Fenwick', () => {
  it('sums prefixes of slots appended one by one, after changes and after a reset', () => {
    const tree = new Fenwick();
    const values = [3, 0, 1, 4, 1, 5, 9, 2, 6];
    values.forEach((v, i) => expect(tree.append(v)).toBe(i + 1));
    tree.add(4, -4);
    values[3] = 0;
    values.forEach((_, i) => expect(tree.prefix(i + 1)).toBe(values.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    tree.resetToOnes(5);
    expect(tree.length).toBe(5);
    expect([1, 2, 3, 4, 5].map((i) => tree.prefix(i))).toEqual([1, 2, 3, 4, 5]);
  });
});

