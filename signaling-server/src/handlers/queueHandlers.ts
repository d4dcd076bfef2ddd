import type { HandlerRegistry } from './handlerTypes.js';

export const queueHandlers: Pick<HandlerRegistry, 'queue.join' | 'queue.leave'> = {
  'queue.join': ({ switchboard, party }, message) =>
    switchboard.joinQueue(party.id, message.serviceLine, message.language, message.summary, {
      priority: message.priority,
      interpreterLanguage: message.interpreterLanguage,
    }),
  'queue.leave': ({ switchboard, party }) => switchboard.leaveQueue(party.id),
};
