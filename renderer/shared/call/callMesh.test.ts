import { describe, expect, it, vi } from 'vitest';
import type { CallPeer } from '../../../protocol/index.js';
import type { PeerEvent } from './callActors.js';
import { REJOIN_WAIT_MS } from './callLink.js';
import { CallMesh } from './callMesh.js';
import { fakePeerFactory } from './fakePeer.fixture.js';

function setup(selfRole: 'kiosk' | 'agent' | 'interpreter', peers: CallPeer[]) {
  const fake = fakePeerFactory();
  const events: PeerEvent[] = [];
  const mesh = new CallMesh({ selfRole, peers, stream: fake.stream, iceServers: [] }, { createPeer: fake.createPeer, log: fake.silent }, (e) => events.push(e));
  mesh.start();
  const streamOf = (id: string) => ({ id }) as unknown as MediaStream;
  return { mesh, fake, events, streamOf };
}

describe('a call mesh: one link per other member, one main link for the screens', () => {
  it('opens a link per peer with the offer direction the server chose, and addresses signals by member', () => {
    const { fake, events } = setup('interpreter', [
      { memberId: 'm-kiosk', role: 'kiosk', initiator: true },
      { memberId: 'm-agent', role: 'agent', initiator: true },
    ]);
    expect(fake.peers.map((p) => p.options.initiator)).toEqual([true, true]);
    fake.peers[1]!.options.onSignal({ type: 'offer' });
    expect(events).toContainEqual({ type: 'peer.signal', to: 'm-agent', data: { type: 'offer', generation: 0 } });
  });

  it('delivers signals to the link of the member who sent them, holding those of a member not yet announced', () => {
    const { mesh, fake } = setup('kiosk', [{ memberId: 'm-a1', role: 'agent', initiator: true }]);
    mesh.command({ type: 'peer.deliver', from: 'm-a1', data: { type: 'answer' } });
    expect(fake.peers[0]!.signalled).toEqual([{ type: 'answer' }]);
    // The newcomer's offer overtook its announcement: kept, then delivered once it is announced.
    mesh.command({ type: 'peer.deliver', from: 'm-i', data: { type: 'offer' } });
    expect(fake.peers).toHaveLength(1);
    mesh.command({ type: 'peer.memberJoined', memberId: 'm-i', role: 'interpreter' });
    expect(fake.peers[1]!.options.initiator).toBe(false);
    expect(fake.peers[1]!.signalled).toEqual([{ type: 'offer' }]);
  });

  it('shows the agent as the main video at the kiosk and the others as guests', () => {
    const { mesh, fake, events, streamOf } = setup('kiosk', [{ memberId: 'm-a1', role: 'agent', initiator: true }]);
    fake.peers[0]!.options.onRemoteStream(streamOf('agent'));
    expect(events).toContainEqual({ type: 'peer.stream', stream: streamOf('agent') });
    mesh.command({ type: 'peer.memberJoined', memberId: 'm-i', role: 'interpreter' });
    fake.peers[1]!.options.onRemoteStream(streamOf('interp'));
    expect(events.filter((e) => e.type === 'peer.guests').at(-1)).toEqual({
      type: 'peer.guests',
      guests: [{ memberId: 'm-i', role: 'interpreter', stream: streamOf('interp') }],
    });
    // Only the main link speaks for the call: the interpreter's link closing does not end it.
    fake.peers[1]!.options.onClose();
    expect(events.map((e) => e.type)).not.toContain('peer.closed');
    mesh.command({ type: 'peer.memberLeft', memberId: 'm-i' });
    expect(events.filter((e) => e.type === 'peer.guests').at(-1)).toEqual({ type: 'peer.guests', guests: [] });
  });

  it('hands the main video to the colleague when the first agent leaves after a warm transfer', () => {
    vi.useFakeTimers();
    const { mesh, fake, events, streamOf } = setup('kiosk', [{ memberId: 'm-a1', role: 'agent', initiator: true }]);
    mesh.command({ type: 'peer.memberJoined', memberId: 'm-a2', role: 'agent' });
    fake.peers[1]!.options.onRemoteStream(streamOf('colleague'));
    // The first agent's link closes before the server's word arrives: not the end of the call.
    fake.peers[0]!.options.onClose();
    expect(events.map((e) => e.type)).not.toContain('peer.closed');
    expect(events.at(-2)).toEqual({ type: 'peer.stream', stream: streamOf('colleague') });
    mesh.command({ type: 'peer.memberLeft', memberId: 'm-a1' });
    // With nobody else left, the main link closing is the end of the call again (once no rejoin follows).
    fake.peers[1]!.options.onClose();
    vi.advanceTimersByTime(REJOIN_WAIT_MS);
    expect(events.at(-1)).toEqual({ type: 'peer.closed' });
    vi.useRealTimers();
  });

  it('applies the audio-only choice to every link, including one that joins later', () => {
    const { mesh, fake } = setup('agent', [{ memberId: 'm-k', role: 'kiosk', initiator: false }]);
    mesh.command({ type: 'peer.audioOnly', on: true });
    mesh.command({ type: 'peer.memberJoined', memberId: 'm-i', role: 'interpreter' });
    mesh.stop();
    expect(fake.peers.every((p) => p.destroyed)).toBe(true);
  });
});
