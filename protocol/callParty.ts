import { z } from 'zod';
import { Id, InterpreterLanguage, Language, ServiceLine } from './domain.js';
import { AgentNotes } from './inCall.js';

/**
 * Calls with more than two members (issue 4): a warm transfer brings a second agent in before the
 * first leaves, and an interpreter joins as a third participant. Media is a mesh: one WebRTC link
 * per pair of members. Members are named by per-call ids (`memberId`), never by account ids, so a
 * kiosk learns nothing about who the agents are and a signal cannot be aimed outside the call.
 * The message objects are joined to the unions in messages.ts.
 */

/** Kiosk, agent (one, or two during a transfer) and an interpreter. */
export const CALL_MAX_MEMBERS = 4;

export const CALL_MEMBER_ROLES = ['kiosk', 'agent', 'interpreter'] as const;
export const CallMemberRole = z.enum(CALL_MEMBER_ROLES);
export type CallMemberRole = z.infer<typeof CallMemberRole>;

/** Another member of the call, and whether this side writes the WebRTC offer for the link to it. */
export const CallPeer = z.object({ memberId: Id, role: CallMemberRole, initiator: z.boolean() });
export type CallPeer = z.infer<typeof CallPeer>;
export const CallPeers = z.array(CallPeer).min(1).max(CALL_MAX_MEMBERS - 1);

/** What the first agent tells the second in a warm transfer; agent-only, never sent to the kiosk. */
export const Handover = z.object({ note: AgentNotes.optional() });
export type Handover = z.infer<typeof Handover>;

// ── client → server ─────────────────────────────────────────────────────────
/**
 * Warm transfer: the agent in the call asks for a colleague on a service line (and language, by
 * default the visitor's), or one named colleague. The request waits at the head of that line; the
 * visitor stays with the first agent until the second has joined.
 */
export const CallTransfer = z.object({
  type: z.literal('call.transfer'),
  callId: Id,
  serviceLine: ServiceLine,
  language: Language.optional(),
  /** Only this colleague is offered the transfer (they must serve the line). */
  agentId: Id.optional(),
  handover: Handover.optional(),
});
export const CallTransferCancel = z.object({ type: z.literal('call.transfer.cancel'), callId: Id });
/**
 * The agent holding a call asks who could take it by name: the signed-in colleagues (never
 * interpreters), answered with `call.colleagues.list`. A colleague is then named in `call.transfer`.
 */
export const CallColleagues = z.object({ type: z.literal('call.colleagues'), callId: Id });
/**
 * Leave a call that goes on without you: the first agent after the second joined, or the
 * interpreter. The last agent ends the call with `call.end` instead.
 */
export const CallLeave = z.object({ type: z.literal('call.leave'), callId: Id });
/** The agent in the call asks for an interpreter of that language to join. */
export const InterpreterInvite = z.object({
  type: z.literal('interpreter.invite'),
  callId: Id,
  interpreterLanguage: InterpreterLanguage,
});
export const InterpreterRemove = z.object({ type: z.literal('interpreter.remove'), callId: Id });
/** Interpreters answer their invitations with these; they cannot accept visitors (`call.accept`). */
export const InterpreterAccept = z.object({ type: z.literal('interpreter.accept'), offerId: Id });
export const InterpreterDecline = z.object({ type: z.literal('interpreter.decline'), offerId: Id });

// ── server → client ─────────────────────────────────────────────────────────
/** To the members already in a call: someone joined (this side answers their offer) or left. */
export const CallMember = z.object({
  type: z.literal('call.member'),
  callId: Id,
  memberId: Id,
  role: CallMemberRole,
  state: z.enum(['joined', 'left']),
});
/** To the member who left a call that goes on: why; its links to the others are closed. */
export const CallLeft = z.object({
  type: z.literal('call.left'),
  callId: Id,
  reason: z.enum(['left', 'removed', 'transferred']),
});
/** To the transferring agent: where the transfer stands. */
export const TRANSFER_STATES = ['waiting', 'offered', 'joined', 'failed', 'cancelled'] as const;
export const CallTransferStatus = z.object({
  type: z.literal('call.transfer.status'),
  callId: Id,
  state: z.enum(TRANSFER_STATES),
  /** With `failed`: the named colleague declined, did not answer or cannot take it; the call ended. */
  reason: z.enum(['declined', 'expired', 'unavailable', 'call-ended']).optional(),
});
/** To the agent in the call: where the interpreter invitation stands. */
export const INTERPRETER_STATES = ['inviting', 'joined', 'unavailable', 'left'] as const;
export const InterpreterStatus = z.object({
  type: z.literal('interpreter.status'),
  callId: Id,
  interpreterLanguage: InterpreterLanguage,
  state: z.enum(INTERPRETER_STATES),
});
