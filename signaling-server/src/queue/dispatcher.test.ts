import { describe, expect, it } from 'vitest';
import { planOffers, type AvailableAgent } from './dispatcher.js';
import type { Ticket } from './ticketQueue.js';

let seq = 0;
const ticket = (ticketId: string, over: Partial<Ticket> = {}): Ticket => ({
  ticketId,
  serviceLine: 'pensions',
  language: 'en',
  siteId: 's',
  kioskId: `k-${ticketId}`,
  joinedAt: 0,
  seq: seq++,
  ...over,
});
const agent = (agentId: string, idleSince: number, over: Partial<AvailableAgent> = {}): AvailableAgent => ({
  agentId,
  idleSince,
  languages: ['en', 'fr'],
  serviceLines: ['pensions', 'passport'],
  ...over,
});
const none = () => false;

describe('planOffers', () => {
  it('gives the longest-waiting ticket to the longest-idle matching agent', () => {
    const pairings = planOffers({
      tickets: [ticket('old'), ticket('new')],
      agents: [agent('recent', 200), agent('idle-longest', 100)],
      isOffered: none,
    });
    expect(pairings).toEqual([
      { ticketId: 'old', agentId: 'idle-longest' },
      { ticketId: 'new', agentId: 'recent' },
    ]);
  });

  it('skips agents who do not cover the line or language', () => {
    const pairings = planOffers({
      tickets: [ticket('fr-passport', { language: 'fr', serviceLine: 'passport' })],
      agents: [agent('en-only', 1, { languages: ['en'] }), agent('no-passport', 2, { serviceLines: ['pensions'] }), agent('ok', 3)],
      isOffered: none,
    });
    expect(pairings).toEqual([{ ticketId: 'fr-passport', agentId: 'ok' }]);
  });

  it('never offers a ticket already on offer, and gives each agent at most one', () => {
    const pairings = planOffers({
      tickets: [ticket('offered'), ticket('a'), ticket('b')],
      agents: [agent('only', 1)],
      isOffered: (id) => id === 'offered',
    });
    expect(pairings).toEqual([{ ticketId: 'a', agentId: 'only' }]);
  });

  it('passes over an excluded (recently declined) pairing to the next agent', () => {
    const pairings = planOffers({
      tickets: [ticket('t')],
      agents: [agent('decliner', 1), agent('next', 2)],
      isOffered: none,
      isExcluded: (t, a) => t === 't' && a === 'decliner',
    });
    expect(pairings).toEqual([{ ticketId: 't', agentId: 'next' }]);
  });

  it('returns nothing when no agent matches', () => {
    expect(planOffers({ tickets: [ticket('t', { serviceLine: 'my-account' })], agents: [agent('a', 1)], isOffered: none })).toEqual([]);
  });
});
