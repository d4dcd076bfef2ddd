import { CALL_MAX_MEMBERS, type CallMemberRole, type CallPeer } from '../../../protocol/index.js';
import { ProtocolError } from '../protocolError.js';

/** One member of a call: the per-call id the others see, and the account behind it (server-only). */
export interface CallMember {
  memberId: string;
  role: CallMemberRole;
  partyId: string;
}

/**
 * Member ids only need to be unique within their call: signals are addressed by call and member,
 * and membership is checked on each (switchboard.relaySignal). They are numbered by joining order
 * and never reused in a call; they name no account. Shared constants, not random strings: one
 * string fewer per member on a server holding thousands of calls (docs/performance.md).
 */
const MEMBER_IDS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'] as const;
const memberIdFor = (join: number): string => MEMBER_IDS[join - 1] ?? `m${join}`;

/**
 * Who is in one call, in joining order. Media is a mesh, so each member links to every other;
 * the roster says who writes the offer on each link: a member who joins later writes it towards
 * everyone already there, and the kiosk writes it towards the first agent (its camera is open).
 */
export class CallRoster {
  private readonly members: CallMember[] = [];
  private joins = 0;

  add(role: CallMemberRole, partyId: string): CallMember {
    if (this.members.length >= CALL_MAX_MEMBERS) throw new ProtocolError('INVALID_STATE', `A call has at most ${CALL_MAX_MEMBERS} members.`);
    this.joins += 1;
    const member = { memberId: memberIdFor(this.joins), role, partyId };
    this.members.push(member);
    return member;
  }

  remove(memberId: string): CallMember | undefined {
    const index = this.members.findIndex((m) => m.memberId === memberId);
    return index < 0 ? undefined : this.members.splice(index, 1)[0];
  }

  get(memberId: string): CallMember | undefined {
    for (const member of this.members) if (member.memberId === memberId) return member;
    return undefined;
  }

  /** The member an authenticated party is in this call, if any. Interpreters sit in the agents' map, so role counts too. */
  find(role: CallMemberRole, partyId: string): CallMember | undefined {
    // A loop, not find(): this runs for every relayed signal.
    for (const member of this.members) if (member.role === role && member.partyId === partyId) return member;
    return undefined;
  }

  /** The other member of a two-member call; undefined when there are more (a signal must then name one). */
  soleOther(member: CallMember): CallMember | undefined {
    if (this.members.length !== 2) return undefined;
    return this.members[0] === member ? this.members[1] : this.members[0];
  }

  all(): readonly CallMember[] {
    return this.members;
  }

  others(memberId: string): CallMember[] {
    return this.members.filter((m) => m.memberId !== memberId);
  }

  count(role: CallMemberRole): number {
    return this.members.filter((m) => m.role === role).length;
  }

  /** What `call.start.peers` tells `member`: everyone else, and who writes the offer on each link. */
  peersOf(member: CallMember): CallPeer[] {
    const myIndex = this.members.indexOf(member);
    return this.others(member.memberId).map((other) => ({
      memberId: other.memberId,
      role: other.role,
      initiator: this.writesOffer(myIndex, this.members.indexOf(other)),
    }));
  }

  /** Later joiner writes the offer; between the first two (kiosk and first agent) the kiosk does. */
  private writesOffer(mine: number, theirs: number): boolean {
    if (Math.max(mine, theirs) === 1) return this.members[mine]?.role === 'kiosk';
    return mine > theirs;
  }
}
