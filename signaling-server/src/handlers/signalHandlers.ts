import type { HandlerRegistry } from './handlerTypes.js';

// The payloads are opaque: never logged, never inspected, relayed only to the one party allowed.
export const signalHandlers: Pick<HandlerRegistry, 'signal' | 'ring.signal'> = {
  signal: ({ switchboard, party }, message) => switchboard.relaySignal(party, message.callId, message.data, message.to),
  'ring.signal': ({ switchboard, party }, message) => switchboard.relayRingSignal(party, message.offerId, message.data),
};
