import type { HandlerRegistry } from './handlerTypes.js';

export const callHandlers: Pick<HandlerRegistry, 'call.accept' | 'call.decline' | 'call.end' | 'call.wrapup'> = {
  'call.accept': ({ switchboard, party }, message) => switchboard.acceptOffer(party.id, message.offerId),
  'call.decline': ({ switchboard, party }, message) => switchboard.declineOffer(party.id, message.offerId),
  'call.end': ({ switchboard, party }, message) => switchboard.endCall(party, message.callId, message.reason === 'technical-failure'),
  'call.wrapup': ({ switchboard, party }, message) => {
    // Empty notes (after trimming) are no notes.
    if (message.notes) switchboard.recordWrapUpNotes(party.id, message.callId, message.notes);
    switchboard.wrapUp(party.id, message.callId, message.outcome);
  },
};
