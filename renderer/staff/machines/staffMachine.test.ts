import { describe, expect, it } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import type { ClientMessage, ServerMessage, SiteSnapshot } from '../../../protocol/index.js';
import { toServerEvent } from '../../shared/net/serverEvents.js';
import type { SignalingCommand } from '../../shared/net/signalingActor.js';
import { staffMachine, staffStatusOf, type StaffEvent, type StaffSignalingInput } from './staffMachine.js';

function startConsole() {
  const sent: ClientMessage[] = [];
  const record = { signingIn: [] as StaffSignalingInput[], closed: 0 };
  let toMachine: ((event: StaffEvent) => void) | undefined;
  const machine = staffMachine.provide({
    actors: {
      signaling: fromCallback<SignalingCommand, StaffSignalingInput>(({ input, sendBack, receive }) => {
        record.signingIn.push(input);
        toMachine = sendBack;
        receive((command) => sent.push(command.message));
        return () => {
          record.closed++;
          toMachine = undefined;
        };
      }),
    },
  });
  const actor = createActor(machine).start();
  const server = (message: ServerMessage) => {
    if (!toMachine) throw new Error('not connected');
    toMachine(toServerEvent(message));
  };
  const status = () => staffStatusOf(actor.getSnapshot());
  return { actor, sent, record, server, status, connection: (event: StaffEvent) => toMachine?.(event) };
}

const welcome: ServerMessage = {
  type: 'welcome',
  protocol: 1,
  role: 'staff',
  clientId: 'staff-1',
  siteId: 'site-1',
  sessionToken: 'session-token-123',
  iceServers: [],
  heartbeatIntervalMs: 15_000,
};
const site: SiteSnapshot = {
  type: 'site.snapshot',
  siteId: 'site-1',
  siteName: 'Fredericton',
  kiosks: [{ kioskId: 'k-1', connection: 'online', activity: 'idle', outOfService: false, lastSeenMsAgo: 0, silent: false }],
  help: [{ helpId: 'help-1', kioskId: 'k-1', step: 'triage', waitedMs: 3_000 }],
};

describe('staff console machine', () => {
  it('signs in, drops the password once welcomed, and shows what the server pushes', () => {
    const c = startConsole();
    c.actor.send({ type: 'user.signIn', username: 'sam', password: 'sam-password' });
    expect(c.status()).toBe('connecting');
    expect(c.record.signingIn).toEqual([{ login: { username: 'sam', password: 'sam-password' } }]);
    c.server(welcome);
    expect(c.status()).toBe('ready');
    expect(c.actor.getSnapshot().context).toMatchObject({ login: null, staffId: 'staff-1', site: null });
    c.server(site);
    expect(c.actor.getSnapshot().context.site).toEqual(site);
  });

  it('sends acknowledge and resolve as typed messages, and says when a request was already gone', () => {
    const c = startConsole();
    c.actor.send({ type: 'user.signIn', username: 'sam', password: 'x' });
    c.server(welcome);
    c.actor.send({ type: 'user.acknowledgeHelp', kioskId: 'k-1', helpId: 'help-1' });
    c.actor.send({ type: 'user.resolveHelp', kioskId: 'k-1', helpId: 'help-1' });
    expect(c.sent).toEqual([
      { type: 'help.acknowledge', kioskId: 'k-1', helpId: 'help-1' },
      { type: 'help.resolve', kioskId: 'k-1', helpId: 'help-1' },
    ]);
    c.server({ type: 'error', code: 'INVALID_STATE', message: 'gone', inReplyTo: 'help.resolve' });
    expect(c.actor.getSnapshot().context.helpProblem).toBe('gone');
    c.actor.send({ type: 'user.acknowledgeHelp', kioskId: 'k-1', helpId: 'help-2' });
    expect(c.actor.getSnapshot().context.helpProblem).toBeNull();
  });

  it('keeps the view through a blip, marked as reconnecting', () => {
    const c = startConsole();
    c.actor.send({ type: 'user.signIn', username: 'sam', password: 'x' });
    c.server(welcome);
    c.server(site);
    c.connection({ type: 'server.reconnecting' });
    expect(c.actor.getSnapshot().context).toMatchObject({ reconnecting: true, site });
    c.connection({ type: 'server.resumed' });
    expect(c.actor.getSnapshot().context.reconnecting).toBe(false);
  });

  it('signs out with session.logout and forgets the site', () => {
    const c = startConsole();
    c.actor.send({ type: 'user.signIn', username: 'sam', password: 'x' });
    c.server(welcome);
    c.server(site);
    c.actor.send({ type: 'user.signOut' });
    expect(c.sent).toEqual([{ type: 'session.logout' }]);
    expect(c.status()).toBe('signed-out');
    expect(c.record.closed).toBe(1);
    expect(c.actor.getSnapshot().context).toMatchObject({ site: null, staffId: null, signInProblem: null });
  });

  it('says why it is back on the form: refused, unreachable, or lost after sign-in', () => {
    const refused = startConsole();
    refused.actor.send({ type: 'user.signIn', username: 'sam', password: 'wrong' });
    refused.server({ type: 'error', code: 'AUTH_FAILED', message: 'no', inReplyTo: 'hello' });
    expect(refused.actor.getSnapshot().context.signInProblem).toBe('AUTH_FAILED');

    const unreachable = startConsole();
    unreachable.actor.send({ type: 'user.signIn', username: 'sam', password: 'x' });
    unreachable.connection({ type: 'server.disconnected' });
    expect(unreachable.actor.getSnapshot().context.signInProblem).toBe('connection');

    const lost = startConsole();
    lost.actor.send({ type: 'user.signIn', username: 'sam', password: 'x' });
    lost.server(welcome);
    lost.connection({ type: 'server.disconnected' });
    expect(lost.status()).toBe('signed-out');
    expect(lost.actor.getSnapshot().context.signInProblem).toBe('connectionLost');
  });
});
