import type { CallMemberRole, CallPeer } from '../../../protocol/index.js';
import type { GuestTile, LinkEvent, PeerActorInput, PeerCommand, PeerEvent } from './callActors.js';
import { CallLink, type CallLinkDeps } from './callLink.js';

/** Signals from a member not yet announced are kept this many at most (a join races its first offer). */
export const PENDING_SIGNALS_MAX = 64;

interface Member {
  memberId: string;
  role: CallMemberRole;
  link: CallLink;
  stream: MediaStream | null;
}

/**
 * The call's media as a mesh: one CallLink (with its own recovery ladder and quality plan) per
 * other member. Screens follow one link, the "main" member (the kiosk follows its agent, everyone
 * else the kiosk): only its connected, recovering, failed, closed and quality events go up. The
 * others are guests: their video is shown beside; whether they are still in the call is the
 * server's word (`call.member`), not their link's.
 */
export class CallMesh {
  private readonly members = new Map<string, Member>();
  private readonly pending = new Map<string, Record<string, unknown>[]>();
  private mainId: string | undefined;
  private audioOnly = false;

  constructor(
    private readonly input: PeerActorInput,
    private readonly deps: CallLinkDeps,
    private readonly emit: (event: PeerEvent) => void,
  ) {}

  start(): void {
    for (const peer of this.input.peers) this.add(peer);
    this.chooseMain();
    this.emitGuests();
  }

  command(command: PeerCommand): void {
    switch (command.type) {
      case 'peer.deliver': {
        const member = this.members.get(command.from);
        if (member) member.link.command({ type: 'peer.deliver', data: command.data });
        else this.keepPending(command.from, command.data);
        return;
      }
      case 'peer.memberJoined':
        if (this.members.has(command.memberId)) return;
        this.add({ memberId: command.memberId, role: command.role, initiator: false });
        for (const data of this.pending.get(command.memberId) ?? []) this.members.get(command.memberId)?.link.command({ type: 'peer.deliver', data });
        this.pending.delete(command.memberId);
        this.chooseMain();
        this.emitGuests();
        return;
      case 'peer.memberLeft':
        this.drop(command.memberId);
        return;
      case 'peer.audioOnly':
        this.audioOnly = command.on;
        for (const member of this.members.values()) member.link.command(command);
        return;
    }
  }

  stop(): void {
    for (const member of this.members.values()) member.link.stop();
    this.members.clear();
    this.pending.clear();
  }

  private add(peer: CallPeer): void {
    const link = new CallLink(
      { initiator: peer.initiator, stream: this.input.stream, iceServers: this.input.iceServers, iceTransportPolicy: this.input.iceTransportPolicy },
      this.deps,
      (event) => this.route(peer.memberId, event),
    );
    this.members.set(peer.memberId, { memberId: peer.memberId, role: peer.role, link, stream: null });
    link.start();
    if (this.audioOnly) link.command({ type: 'peer.audioOnly', on: true });
  }

  private drop(memberId: string): void {
    const member = this.members.get(memberId);
    this.pending.delete(memberId);
    if (!member) return;
    member.link.stop();
    this.members.delete(memberId);
    if (this.mainId === memberId) {
      this.mainId = undefined;
      this.chooseMain();
    }
    this.emitGuests();
  }

  private keepPending(memberId: string, data: Record<string, unknown>): void {
    const list = this.pending.get(memberId) ?? [];
    if (list.length >= PENDING_SIGNALS_MAX) return;
    list.push(data);
    this.pending.set(memberId, list);
  }

  /** The main member stays while present; otherwise the earliest of the preferred role, else anyone. */
  private chooseMain(): void {
    if (this.mainId !== undefined && this.members.has(this.mainId)) return;
    const preferred: CallMemberRole = this.input.selfRole === 'kiosk' ? 'agent' : 'kiosk';
    const all = [...this.members.values()];
    const next = all.find((m) => m.role === preferred) ?? all[0];
    this.mainId = next?.memberId;
    if (next?.stream) this.emit({ type: 'peer.stream', stream: next.stream });
  }

  private route(memberId: string, event: LinkEvent): void {
    const member = this.members.get(memberId);
    if (!member) return;
    if (event.type === 'peer.signal') {
      this.emit({ type: 'peer.signal', to: memberId, data: event.data });
      return;
    }
    if (event.type === 'peer.stream') {
      member.stream = event.stream;
      if (memberId === this.mainId) this.emit(event);
      else this.emitGuests();
      return;
    }
    if (memberId !== this.mainId) return;
    // The main member's link closing while a colleague of the same role is in the call is the end of
    // a warm transfer racing the server's word: the colleague becomes the main member.
    if ((event.type === 'peer.closed' || event.type === 'peer.failed') && this.hasOther(member)) {
      this.drop(memberId);
      return;
    }
    this.emit(event);
  }

  private hasOther(member: Member): boolean {
    return [...this.members.values()].some((m) => m !== member && m.role === member.role);
  }

  private emitGuests(): void {
    const guests: GuestTile[] = [...this.members.values()]
      .filter((m) => m.memberId !== this.mainId)
      .map(({ memberId, role, stream }) => ({ memberId, role, stream }));
    this.emit({ type: 'peer.guests', guests });
  }
}
