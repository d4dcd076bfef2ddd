import type { HandlerRegistry } from './handlerTypes.js';

/**
 * Callbacks instead of a long wait. Roles are checked before any handler runs
 * (CLIENT_MESSAGE_ROLES: only kiosks request, only agents list, open and close).
 */
export const callbackHandlers: Pick<HandlerRegistry, 'callback.request' | 'callbacks.list' | 'callback.open' | 'callback.done'> = {
  // The protocol already checked the number's shape and the literal consent.
  'callback.request': ({ switchboard, party }, message) => switchboard.requestCallback(party.id, message.phone, message.language, message.ticketId),
  'callbacks.list': ({ switchboard, connection }) =>
    connection.send({ type: 'callbacks.pending', items: switchboard.callbacks().pending() }),
  'callback.open': ({ switchboard, party, connection }, message) => {
    const phone = switchboard.callbacks().open(party.id, message.callbackId);
    connection.send({ type: 'callback.details', callbackId: message.callbackId, phone });
  },
  // The refreshed list is the confirmation: the callback is no longer in it.
  'callback.done': ({ switchboard, party, connection }, message) => {
    const desk = switchboard.callbacks();
    desk.done(party.id, message.callbackId, message.outcome);
    connection.send({ type: 'callbacks.pending', items: desk.pending() });
  },
};
