import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkEvent } from './callActors.js';
import { CallLink, GENERATION_KEY, REJOIN_WAIT_MS } from './callLink.js';
import { fakePeerFactory } from './fakePeer.fixture.js';
import { ICE_DISCONNECTED_GRACE_MS, RECOVERY_ATTEMPT_TIMEOUT_MS } from './recovery/recoveryLadder.js';

function setup(initiator: boolean) {
  const { peers, ice, createPeer, silent, stream } = fakePeerFactory();
  const events: LinkEvent[] = [];
  const link = new CallLink({ initiator, stream, iceServers: [] }, { createPeer, log: silent }, (event) => events.push(event));
  link.start();
  return { link, peers, events, ice };
}

describe('a call link across restarts and rejoins', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the initiator restarts ICE, then rejoins with a fresh connection whose signals carry the new generation', () => {
    const { peers, events, ice } = setup(true);
    peers[0]!.options.onIceState?.('connected');
    peers[0]!.options.onIceState?.('disconnected');
    vi.advanceTimersByTime(ICE_DISCONNECTED_GRACE_MS);
    expect(peers[0]!.restarts).toBe(1);
    // The restart did not help (the fake says connected, but the event never came: force it down).
    ice.state = 'disconnected';
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS);
    expect(peers).toHaveLength(2);
    expect(peers[0]!.destroyed).toBe(true);
    peers[1]!.options.onSignal({ type: 'offer', sdp: 'v=0' });
    expect(events).toContainEqual({ type: 'peer.signal', data: { type: 'offer', sdp: 'v=0', [GENERATION_KEY]: 1 } });
    // The old connection's late close is not the end of the call.
    peers[0]!.options.onClose();
    expect(events.map((e) => e.type)).not.toContain('peer.closed');
  });

  it('the initiator drops answers meant for a replaced connection', () => {
    const { link, peers } = setup(true);
    peers[0]!.options.onError('ERR_ICE_CONNECTION_FAILURE');
    expect(peers).toHaveLength(2);
    link.command({ type: 'peer.deliver', data: { type: 'answer', sdp: 'old', [GENERATION_KEY]: 0 } });
    link.command({ type: 'peer.deliver', data: { type: 'answer', sdp: 'new', [GENERATION_KEY]: 1 } });
    expect(peers[1]!.signalled).toEqual([{ type: 'answer', sdp: 'new' }]);
  });

  it('the responder follows a rejoin offer to a fresh connection, and its close in between is not a hang-up', () => {
    const { link, peers, events } = setup(false);
    link.command({ type: 'peer.deliver', data: { type: 'offer', sdp: 'first' } });
    peers[0]!.options.onClose();
    vi.advanceTimersByTime(REJOIN_WAIT_MS - 1);
    link.command({ type: 'peer.deliver', data: { type: 'offer', sdp: 'again', [GENERATION_KEY]: 1 } });
    vi.advanceTimersByTime(REJOIN_WAIT_MS);
    expect(peers).toHaveLength(2);
    expect(peers[1]!.options.initiator).toBe(false);
    expect(peers[1]!.signalled).toEqual([{ type: 'offer', sdp: 'again' }]);
    expect(events.map((e) => e.type)).not.toContain('peer.closed');
  });

  it('the responder reports a close that no rejoin follows', () => {
    const { peers, events } = setup(false);
    peers[0]!.options.onClose();
    vi.advanceTimersByTime(REJOIN_WAIT_MS);
    expect(events).toContainEqual({ type: 'peer.closed' });
  });

  it('reports a failure only when the ladder gives up', () => {
    const { peers, events, ice } = setup(true);
    peers[0]!.options.onIceState?.('connected');
    ice.state = 'checking';
    peers[0]!.options.onError('ERR_ICE_CONNECTION_FAILURE');
    expect(events.map((e) => e.type)).not.toContain('peer.failed');
    vi.advanceTimersByTime(RECOVERY_ATTEMPT_TIMEOUT_MS * 3);
    expect(events).toContainEqual({ type: 'peer.failed', code: 'ERR_MEDIA_RECOVERY' });
  });
});
