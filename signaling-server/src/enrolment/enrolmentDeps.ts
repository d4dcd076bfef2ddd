import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { Store } from '../store/store.js';
import type { EnrolmentDeps } from './enrolKiosk.js';

/** What POST /api/enrol needs from the server: undefined when the store keeps no enrolment data. */
export function enrolmentDeps(
  config: Pick<ServerConfig, 'kiosks'>,
  store: Pick<Store, 'enrolment'>,
  authenticator: Pick<Authenticator, 'isKioskRevoked'>,
  clock: Clock,
): EnrolmentDeps | undefined {
  if (!store.enrolment) return undefined;
  const listed = new Set(config.kiosks.map((k) => k.id));
  // A revoked kiosk cannot enrol its way back in: revocation is lifted only in the config, with a restart.
  return { store: store.enrolment, clock, kioskMayEnrol: (id) => listed.has(id) && !authenticator.isKioskRevoked(id) };
}
