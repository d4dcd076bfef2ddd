import type { HandlerRegistry } from './handlerTypes.js';

/**
 * Site staff answering help requests. Roles are checked before any handler runs
 * (CLIENT_MESSAGE_ROLES: staff only); the desk checks the kiosk is at the sender's own site
 * (FORBIDDEN otherwise) and answers with a fresh `site.snapshot` to the whole site.
 */
export const staffHandlers: Pick<HandlerRegistry, 'help.acknowledge' | 'help.resolve' | 'kiosk.reset'> = {
  'help.acknowledge': ({ switchboard, party }, { kioskId, helpId }) => switchboard.site().acknowledge(party.id, kioskId, helpId),
  'help.resolve': ({ switchboard, party }, { kioskId, helpId }) => switchboard.site().resolve(party.id, kioskId, helpId),
  'kiosk.reset': ({ switchboard, party }, { kioskId }) => {
    switchboard.site().requireOwnKiosk(party.id, kioskId);
    switchboard.resetKiosk(kioskId, party.id);
    switchboard.site().kioskWasReset(party.id, kioskId);
  },
};
