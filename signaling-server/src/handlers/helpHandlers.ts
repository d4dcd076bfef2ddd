import type { HandlerRegistry } from './handlerTypes.js';

/** The kiosk asking for people: the office's staff now, or the visitor's rating after the call. */
export const helpHandlers: Pick<HandlerRegistry, 'help.request' | 'visit.feedback'> = {
  'help.request': ({ switchboard, party }, message) => switchboard.requestHelp(party.id, message.step),
  'visit.feedback': ({ switchboard, party }, message) =>
    switchboard.recordFeedback(party.id, message.ticketId, message.rating),
};
