import type { HandlerRegistry } from './handlerTypes.js';

export const presenceHandlers: Pick<HandlerRegistry, 'presence.set'> = {
  'presence.set': ({ switchboard, party }, message) => switchboard.setPresence(party.id, message.status),
};
