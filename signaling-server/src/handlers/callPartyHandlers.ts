import type { HandlerRegistry } from './handlerTypes.js';

type CallPartyTypes =
  | 'call.transfer'
  | 'call.transfer.cancel'
  | 'call.colleagues'
  | 'call.leave'
  | 'interpreter.invite'
  | 'interpreter.remove'
  | 'interpreter.accept'
  | 'interpreter.decline';

/** Warm transfer and interpreters (protocol/callParty.ts); the switchboard checks membership and ownership. */
export const callPartyHandlers: Pick<HandlerRegistry, CallPartyTypes> = {
  'call.transfer': ({ switchboard, party }, message) =>
    switchboard.transferCall(party.id, message.callId, {
      serviceLine: message.serviceLine,
      language: message.language,
      agentId: message.agentId,
      handover: message.handover,
    }),
  'call.transfer.cancel': ({ switchboard, party }, message) => switchboard.cancelTransfer(party.id, message.callId),
  'call.colleagues': ({ switchboard, party, connection }, message) =>
    connection.send({ type: 'call.colleagues.list', callId: message.callId, colleagues: switchboard.colleaguesFor(party.id, message.callId) }),
  'call.leave': ({ switchboard, party }, message) => switchboard.leaveCall(party, message.callId),
  'interpreter.invite': ({ switchboard, party }, message) =>
    switchboard.inviteInterpreter(party.id, message.callId, message.interpreterLanguage),
  'interpreter.remove': ({ switchboard, party }, message) => switchboard.removeInterpreter(party.id, message.callId),
  'interpreter.accept': ({ switchboard, party }, message) => switchboard.acceptInterpreterOffer(party.id, message.offerId),
  'interpreter.decline': ({ switchboard, party }, message) => switchboard.declineInterpreterOffer(party.id, message.offerId),
};
