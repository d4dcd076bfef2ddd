import type { ClientMessage } from './messages.js';
import { PROTOCOL_VERSION } from './version.js';

/**
 * The type that forces one example per client message. A compile error here of the form
 * "Property 'x.y' is missing in type … but required in type 'EveryClientMessageNeedsAnExample'"
 * means a message type was added to `ClientMessage` without an example below: add one.
 * The examples feed the protocol round-trip test and the server's table-driven authorization
 * test (signaling-server/src/server.authorization.test.ts), so a new type is covered by both.
 */
export type EveryClientMessageNeedsAnExample = {
  [T in ClientMessage['type']]: Extract<ClientMessage, { type: T }>;
};

/** One valid, shape-correct example of every client message. Ids are placeholders. */
export const CLIENT_EXAMPLES: EveryClientMessageNeedsAnExample = {
  hello: { type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'k-1', token: 'secret-token-123' } },
  'queue.join': {
    type: 'queue.join',
    serviceLine: 'passport',
    language: 'fr',
    summary: {
      catalogueVersion: '2025.1',
      path: [{ questionId: 'start', optionId: 'passport' }],
      outcomeId: 'passport-agent',
      serviceLine: 'passport',
      interpreter: false,
      language: 'fr',
    },
  },
  'queue.leave': { type: 'queue.leave' },
  'presence.set': { type: 'presence.set', status: 'available' },
  'call.accept': { type: 'call.accept', offerId: 'o-1' },
  'call.decline': { type: 'call.decline', offerId: 'o-1' },
  signal: { type: 'signal', callId: 'c-1', data: { type: 'offer', sdp: 'v=0' } },
  'ring.signal': { type: 'ring.signal', offerId: 'o-1', data: { type: 'offer', sdp: 'v=0' } },
  'call.end': { type: 'call.end', callId: 'c-1' },
  'call.wrapup': { type: 'call.wrapup', callId: 'c-1', outcome: 'resolved' },
  'help.request': { type: 'help.request', step: 'triage' },
  'visit.feedback': { type: 'visit.feedback', ticketId: 't-1', rating: 5 },
  'session.logout': { type: 'session.logout' },
  'chat.send': { type: 'chat.send', callId: 'c-1', text: 'Où est mon passeport ? Ça presse.' },
  'screen.push': {
    type: 'screen.push',
    callId: 'c-1',
    content: { kind: 'link', url: 'https://www.canada.ca/en/services/benefits.html?x=1#top', label: 'Benefits' },
  },
  'callback.request': { type: 'callback.request', phone: '5065550134', consent: true, language: 'fr' },
  'callbacks.list': { type: 'callbacks.list' },
  'callback.open': { type: 'callback.open', callbackId: 'cb-1' },
  'callback.done': { type: 'callback.done', callbackId: 'cb-1', outcome: 'reached' },
  'device.status': { type: 'device.status', camera: 'missing', microphone: 'ok', speaker: 'unknown' },
  'help.acknowledge': { type: 'help.acknowledge', kioskId: 'k-1', helpId: 'help-1' },
  'help.resolve': { type: 'help.resolve', kioskId: 'k-1', helpId: 'help-1' },
  'kiosk.reset': { type: 'kiosk.reset', kioskId: 'k-1' },
  'kiosk.revoke': { type: 'kiosk.revoke', kioskId: 'k-1' },
  'kiosk.reinstate': { type: 'kiosk.reinstate', kioskId: 'k-1' },
  'enrolment.issue': { type: 'enrolment.issue', kioskId: 'k-1' },
  'call.transfer': { type: 'call.transfer', callId: 'c-1', serviceLine: 'pensions', handover: { note: 'Asked about CPP survivor benefit.' } },
  'call.transfer.cancel': { type: 'call.transfer.cancel', callId: 'c-1' },
  'call.colleagues': { type: 'call.colleagues', callId: 'c-1' },
  'call.leave': { type: 'call.leave', callId: 'c-1' },
  'interpreter.invite': { type: 'interpreter.invite', callId: 'c-1', interpreterLanguage: 'iu' },
  'interpreter.remove': { type: 'interpreter.remove', callId: 'c-1' },
  'interpreter.accept': { type: 'interpreter.accept', offerId: 'o-1' },
  'interpreter.decline': { type: 'interpreter.decline', offerId: 'o-1' },
};

