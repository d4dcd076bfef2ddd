import type { CallMemberRole, CallPeer, ClientMessage, IceServer, IceTransportPolicy, Id, MessageOf, ServerMessage } from '../../../protocol/index.js';
import type { SignalingCommand } from '../net/signalingActor.js';
import type { PeerActorInput, PeerCommand, PeerDeliverCommand } from './callActors.js';

/**
 * The pieces both machines (kiosk and agent) use to wire a call between their signaling
 * actor and their peer actor, so the two ends of one call cannot drift apart.
 */
export const signalingSend = (message: ClientMessage): SignalingCommand => ({ type: 'signaling.send', message });

/** What a machine's context holds about the call in progress. */
export interface CallContext {
  callId: Id | null;
  /** From `call.start`: whom to link to and who writes each offer. */
  peers: CallPeer[];
  localStream: MediaStream | null;
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy | undefined;
}

/** Both machines enter their call state only once the camera stream is there (the kiosk's confirm step, the agent's go-available). */
export const peerInputOf = (context: CallContext, selfRole: CallMemberRole): PeerActorInput => ({
  selfRole,
  peers: context.peers,
  stream: context.localStream as MediaStream,
  iceServers: context.iceServers,
  iceTransportPolicy: context.iceTransportPolicy,
});

/** A signal from the server, for the local link to the member who sent it. */
export const deliverToPeer = (message: MessageOf<ServerMessage, 'signal'>): PeerDeliverCommand => ({
  type: 'peer.deliver',
  from: message.from,
  data: message.data,
});

/** A signal from one local link, for that member through the server. */
export const relaySignal = (context: Pick<CallContext, 'callId'>, event: { to: string; data: Record<string, unknown> }) =>
  signalingSend({ type: 'signal', callId: context.callId ?? '', to: event.to, data: event.data });

/** `call.member` for the peer actor: a newcomer to answer, or a member whose link closes. */
export const memberChange = (message: MessageOf<ServerMessage, 'call.member'>): PeerCommand =>
  message.state === 'joined'
    ? { type: 'peer.memberJoined', memberId: message.memberId, role: message.role }
    : { type: 'peer.memberLeft', memberId: message.memberId };

export const endCall = (context: Pick<CallContext, 'callId'>) => signalingSend({ type: 'call.end', callId: context.callId ?? '' });

/** `call.start` and `call.ringing`: both may carry ICE settings minted for this call. */
type CallStartArgs = { context: CallContext; event: { message: Pick<MessageOf<ServerMessage, 'call.start'>, 'iceServers' | 'iceTransportPolicy'> } };

/**
 * Assigners for `call.start`: the server mints fresh TURN credentials per call, which win over
 * the ones from `welcome` (those may have expired on a kiosk connected since the morning).
 */
export const freshIceSettings = {
  iceServers: ({ context, event }: CallStartArgs): IceServer[] => event.message.iceServers ?? context.iceServers,
  iceTransportPolicy: ({ context, event }: CallStartArgs): IceTransportPolicy | undefined =>
    event.message.iceServers ? event.message.iceTransportPolicy : context.iceTransportPolicy,
};
