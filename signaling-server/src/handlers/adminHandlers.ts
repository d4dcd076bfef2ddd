import type { HandlerRegistry } from './handlerTypes.js';

/**
 * Administrators' kiosk commands (protocol/admin.ts). Roles are checked before any handler runs
 * (CLIENT_MESSAGE_ROLES: admin only); enrolment/kioskAdministration.ts checks the kiosk and acts.
 */
export const adminHandlers: Pick<HandlerRegistry, 'kiosk.revoke' | 'kiosk.reinstate' | 'enrolment.issue'> = {
  'kiosk.revoke': ({ switchboard, party, connection }, { kioskId }) => {
    const { closedConnections } = switchboard.administration().revoke(party.id, kioskId);
    connection.send({ type: 'kiosk.revoked', kioskId, closedConnections });
  },
  'kiosk.reinstate': ({ switchboard, party, connection }, { kioskId }) => {
    const { allowed } = switchboard.administration().reinstate(party.id, kioskId);
    connection.send({ type: 'kiosk.reinstated', kioskId, allowed });
  },
  'enrolment.issue': ({ switchboard, party, connection }, { kioskId }) => {
    const { code, expiresAt } = switchboard.administration().issueCode(party.id, kioskId);
    connection.send({ type: 'enrolment.issued', kioskId, code, expiresAt });
  },
};
