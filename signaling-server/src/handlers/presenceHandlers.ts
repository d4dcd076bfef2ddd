import { ProtocolError } from '../protocolError.js';
import type { HandlerRegistry } from './handlerTypes.js';

export const presenceHandlers: Pick<HandlerRegistry, 'presence.set'> = {
  'presence.set': ({ switchboard, party }, message) => {
    if (message.reason && message.status !== 'away') {
      throw new ProtocolError('INVALID_MESSAGE', 'reason: only with status "away".');
    }
    switchboard.setPresence(party.id, message.status);
    switchboard.noteAwayReason(party.id, message.status === 'away' ? message.reason : undefined);
  },
};
