import type { HandlerRegistry } from './handlerTypes.js';

export const signalHandlers: Pick<HandlerRegistry, 'signal'> = {
  // The payload is opaque: never logged, never inspected, relayed only inside its call.
  signal: ({ switchboard, party }, message) => switchboard.relaySignal(party, message.callId, message.data, message.to),
};
