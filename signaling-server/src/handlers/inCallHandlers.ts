import type { HandlerRegistry } from './handlerTypes.js';

/**
 * Tools used during a call. Roles are checked before any handler runs (CLIENT_MESSAGE_ROLES:
 * a kiosk cannot push); membership of the call is checked here, through the switchboard.
 */
export const inCallHandlers: Pick<HandlerRegistry, 'chat.send' | 'screen.push'> = {
  // Chat content is never logged or stored: it passes from one member to the other and is gone.
  'chat.send': ({ switchboard, party }, message) => switchboard.relayChat(party, message.callId, message.text),
  'screen.push': ({ switchboard, party }, message) => switchboard.pushToKiosk(party, message.callId, message.content),
};
