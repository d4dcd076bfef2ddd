import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_EXAMPLES } from '../../protocol/examples.js';
import { CLIENT_MESSAGE_ROLES, ClientMessage, type ErrorCode, type Role, type ServerMessage } from '../../protocol/index.js';
import type { TestClient } from './testing/testClient.js';
import { startTestServer, testConfigInput, type TestPersonName, type TestServer } from './testing/testServer.js';

/**
 * Authorization, proven for every client message type × every role, read from the zod union at
 * run time: a new message type is covered here as soon as it has an example in
 * protocol/examples.ts (which the compiler demands). Each case runs in a fresh world:
 *
 * - kiosk-b (site-2) is in a call with bruno: the "other call";
 * - kiosk-c (site-1) waits in the queue with an offer out to chloe: the "other offer";
 * - the subject is an unauthenticated socket, kiosk-a (site-1, idle) or alice (agent, away).
 *
 * Ids in the examples are aimed at the other call, ticket and offer, so every allowed message
 * that names one is also a cross-call (and, for kiosks, cross-site) attempt.
 */

type Subject = 'unauthenticated' | Role;
const SUBJECTS: readonly Subject[] = ['unauthenticated', 'kiosk', 'agent', 'interpreter', 'staff', 'admin'];
/** Who signs in for each person role other than agent (testing/testServer.ts). */
const PERSON_OF: Record<'interpreter' | 'staff' | 'admin', TestPersonName> = { interpreter: 'ivan', staff: 'sam', admin: 'ada' };
/** Read from the union, not from the examples: a type without an example fails below. */
const MESSAGE_TYPES = ClientMessage.options.map((o) => o.shape.type.value) as ClientMessage['type'][];
/** An unknown type: the server answers it with UNKNOWN_TYPE after everything sent before it. */
const PROBE = 'authz.probe';
/** Fields that point at someone else's call, ticket or offer. */
const AIMED_FIELDS = ['callId', 'ticketId', 'offerId'] as const;
/** Roles whose messages naming a kiosk are scoped to their own site: aimed at kiosk-b (site-2). */
const SITE_SCOPED: readonly Subject[] = ['staff'];

interface World {
  t: TestServer;
  subject: TestClient;
  bystanders: Record<'kioskB' | 'bruno' | 'kioskC' | 'chloe', TestClient>;
  other: { callId: string; ticketId: string; offerId: string; kioskId: string };
}

async function buildWorld(subject: Subject): Promise<World> {
  const base = testConfigInput();
  const t = await startTestServer({
    config: {
      sites: [...base.sites, { id: 'site-2', name: 'Other site' }],
      kiosks: base.kiosks.map((k) => (k.id === 'kiosk-b' ? { ...k, siteId: 'site-2' } : k)),
    },
  });
  const bruno = await t.agent('bruno');
  const kioskB = await t.kiosk('kiosk-b');
  kioskB.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
  const { ticketId } = await kioskB.next('queue.status');
  bruno.send({ type: 'call.accept', offerId: (await bruno.next('call.offer')).offerId });
  const { callId } = await kioskB.next('call.start');
  await bruno.next('call.start');

  const chloe = await t.agent('chloe');
  const kioskC = await t.kiosk('kiosk-c');
  kioskC.send({ type: 'queue.join', serviceLine: 'pensions', language: 'fr' });
  await kioskC.next('queue.status');
  const { offerId } = await chloe.next('call.offer');

  const client =
    subject === 'unauthenticated'
      ? await t.raw()
      : subject === 'kiosk'
        ? await t.kiosk('kiosk-a')
        : subject === 'agent'
          ? await t.agent('alice', { available: false })
          : await t.person(PERSON_OF[subject]);
  return { t, subject: client, bystanders: { kioskB, bruno, kioskC, chloe }, other: { callId, ticketId, offerId, kioskId: 'kiosk-b' } };
}

/** The example with its ids pointing at the other call, ticket and offer (and, for site staff, the other site's kiosk). */
function aimedExample(type: ClientMessage['type'], other: World['other'], subject: Subject): { message: ClientMessage; aimed: boolean; crossSite: boolean } {
  const message: Record<string, unknown> = { ...CLIENT_EXAMPLES[type] };
  let aimed = false;
  for (const field of AIMED_FIELDS) {
    if (field in message) {
      message[field] = other[field];
      aimed = true;
    }
  }
  const crossSite = 'kioskId' in message && SITE_SCOPED.includes(subject);
  if (crossSite) message['kioskId'] = other.kioskId;
  return { message: message as ClientMessage, aimed, crossSite };
}

/**
 * Sends the message then a probe; returns every reply to the message (frames are handled in
 * order, so they all arrive before the probe's answer), or what arrived before the socket closed.
 */
async function exchange(client: TestClient, message: unknown): Promise<{ replies: ServerMessage[]; closeCode?: number }> {
  const before = client.unread().length;
  client.send(message);
  client.send({ type: PROBE });
  const probed = client.nextMatching(isProbeReply, 2_000, 'probe reply').then(() => undefined);
  probed.catch(() => undefined); // a closed socket never answers; `closed` wins the race then
  const closed = await Promise.race([probed, client.closed]);
  return { replies: client.unread().slice(before), ...(closed ? { closeCode: closed.code } : {}) };
}

function isProbeReply(m: ServerMessage): boolean {
  return m.type === 'error' && m.inReplyTo === PROBE;
}

function errorCodes(replies: readonly ServerMessage[]): ErrorCode[] {
  return replies.flatMap((m) => (m.type === 'error' ? [m.code] : []));
}

/** Everything observable outside the subject: what each bystander received, and the records. */
async function observe(world: World): Promise<unknown> {
  const inboxes: Record<string, ServerMessage[]> = {};
  for (const [name, client] of Object.entries(world.bystanders)) {
    // The probe's answer comes after anything the server sent this bystander before it.
    client.send({ type: PROBE });
    await client.nextMatching(isProbeReply, 2_000, `probe reply to ${name}`);
    inboxes[name] = client.unread();
  }
  return { inboxes, visits: world.t.store.listVisits(), helpRequests: world.t.store.listHelpRequests() };
}

function allowedFor(type: ClientMessage['type'], subject: Subject): boolean {
  if (type === 'hello') return true;
  if (subject === 'unauthenticated') return false;
  const roles: readonly Role[] = CLIENT_MESSAGE_ROLES[type];
  return roles.includes(subject);
}

const CASES = SUBJECTS.flatMap((subject) => MESSAGE_TYPES.map((type) => ({ subject, type })));

describe('authorization: every client message × every role', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.t.stop();
    world = undefined;
  });

  it('has an example for every message type in the union (add one in protocol/examples.ts)', () => {
    expect(Object.keys(CLIENT_EXAMPLES).sort()).toEqual([...MESSAGE_TYPES].sort());
    expect(CASES).toHaveLength(SUBJECTS.length * MESSAGE_TYPES.length);
  });

  it.each(CASES)('$subject sends $type', async ({ subject, type }) => {
    world = await buildWorld(subject);
    const { message, aimed, crossSite } = aimedExample(type, world.other, subject);
    const before = await observe(world);
    const { replies, closeCode } = await exchange(world.subject, message);
    const codes = errorCodes(replies);

    if (type === 'hello') {
      expect(codes).not.toContain('NOT_AUTHENTICATED');
      expect(codes).not.toContain('FORBIDDEN');
      // An authenticated connection cannot change identity; a stranger's example credentials are wrong.
      expect(codes).toEqual([subject === 'unauthenticated' ? 'AUTH_FAILED' : 'ALREADY_AUTHENTICATED']);
      expect(await observe(world)).toEqual(before);
      return;
    }
    if (subject === 'unauthenticated') {
      expect(replies).toEqual([expect.objectContaining({ type: 'error', code: 'NOT_AUTHENTICATED', inReplyTo: type })]);
      expect(await observe(world)).toEqual(before);
      return;
    }
    if (!allowedFor(type, subject)) {
      expect(replies).toEqual([expect.objectContaining({ type: 'error', code: 'FORBIDDEN', inReplyTo: type })]);
      expect(closeCode).toBeUndefined();
      expect(await observe(world)).toEqual(before);
      return;
    }
    expect(codes).not.toContain('NOT_AUTHENTICATED');
    if (crossSite) {
      // Another site's kiosk: refused as outside the sender's site (not as a role refusal), and nobody else saw anything.
      expect(replies).toEqual([expect.objectContaining({ type: 'error', code: 'FORBIDDEN', message: expect.stringContaining('kioskId') })]);
      expect(await observe(world)).toEqual(before);
      return;
    }
    // Allowed: the role check passed. State may still refuse it, but never as an authorization error.
    expect(codes).not.toContain('FORBIDDEN');
    if (aimed) {
      // Someone else's call, ticket or offer: refused for state reasons, and nobody else saw anything.
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((c) => ['NOT_IN_CALL', 'NO_SUCH_OFFER', 'INVALID_STATE'].includes(c))).toBe(true);
      expect(await observe(world)).toEqual(before);
    }
  });
});

describe('authorization: cross-call attempts from parties with calls of their own', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.t.stop();
    world = undefined;
  });

  it('a kiosk and an agent in their own call cannot signal, chat to, end or wrap up the other call', async () => {
    world = await buildWorld('kiosk');
    const kioskA = world.subject;
    const alice = await world.t.agent('alice');
    kioskA.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    alice.send({ type: 'call.accept', offerId: (await alice.next('call.offer')).offerId });
    const own = await kioskA.next('call.start');
    await alice.next('call.start');
    const otherCall = world.other.callId;

    const before = await observe(world);
    for (const party of [kioskA, alice]) {
      for (const message of [
        { type: 'signal', callId: otherCall, data: { type: 'offer', sdp: 'v=0 hijack' } },
        { type: 'call.end', callId: otherCall },
      ]) {
        const { replies } = await exchange(party, message);
        expect(errorCodes(replies)).toEqual(['NOT_IN_CALL']);
      }
    }
    expect(await observe(world)).toEqual(before);

    // Alice finishes her own call; in wrap-up she still cannot record an outcome for bruno's.
    alice.send({ type: 'call.end', callId: own.callId });
    await alice.nextMatching((m) => m.type === 'presence.status' && m.state === 'wrap-up');
    await kioskA.next('call.ended');
    const { replies } = await exchange(alice, { type: 'call.wrapup', callId: otherCall, outcome: 'resolved' });
    expect(errorCodes(replies)).toEqual(['NOT_IN_CALL']);
    expect(world.t.store.getVisit(world.other.ticketId)).toMatchObject({ acceptedAt: expect.any(Number) });
    expect(world.t.store.getVisit(world.other.ticketId)?.outcome).toBeUndefined();
    expect(world.t.store.getVisit(world.other.ticketId)?.endedAt).toBeUndefined();

    // Once bruno's call has ended too, its outcome is still bruno's alone to record.
    world.bystanders.bruno.send({ type: 'call.end', callId: otherCall });
    await world.bystanders.kioskB.next('call.ended');
    const again = await exchange(alice, { type: 'call.wrapup', callId: otherCall, outcome: 'resolved' });
    expect(errorCodes(again.replies)).toEqual(['NOT_IN_CALL']);
    expect(world.t.store.getVisit(world.other.ticketId)?.outcome).toBeUndefined();
  });

  it('a kiosk at another site cannot rate a visit that was not its own', async () => {
    world = await buildWorld('kiosk');
    const { replies } = await exchange(world.subject, { type: 'visit.feedback', ticketId: world.other.ticketId, rating: 1 });
    expect(errorCodes(replies)).toEqual(['INVALID_STATE']);
    expect(world.t.store.getVisit(world.other.ticketId)?.feedback).toBeUndefined();
  });
});
