import type { HandlerRegistry } from './handlerTypes.js';

/**
 * The kiosk's own device check. Roles are checked before any handler runs (CLIENT_MESSAGE_ROLES:
 * kiosks only); the protocol already checked each state against the enum.
 */
export const deviceHandlers: Pick<HandlerRegistry, 'device.status'> = {
  'device.status': ({ switchboard, party }, { camera, microphone, speaker }) =>
    switchboard.reportDevices(party.id, { camera, microphone, speaker }),
};
