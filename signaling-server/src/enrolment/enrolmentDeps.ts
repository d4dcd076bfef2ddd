import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { Store } from '../store/store.js';
import type { EnrolmentDeps } from './enrolKiosk.js';

/**
 * What POST /api/enrol needs from the server: undefined when the store keeps no enrolment data or
 * no enrolment key is configured (the route then answers ENROLMENT_UNAVAILABLE).
 */
export function enrolmentDeps(
  config: Pick<ServerConfig, 'kiosks'>,
  store: Pick<Store, 'enrolment'>,
  authenticator: Pick<Authenticator, 'isKioskRevoked'>,
  clock: Clock,
  codeKey: Buffer | undefined,
): EnrolmentDeps | undefined {
  if (!store.enrolment || !codeKey) return undefined;
  const listed = new Set(config.kiosks.map((k) => k.id));
  // A revoked kiosk cannot enrol its way back in: the config or an administrator (kiosk.reinstate) lifts it.
  return { store: store.enrolment, clock, codeKey, kioskMayEnrol: (id) => listed.has(id) && !authenticator.isKioskRevoked(id) };
}
