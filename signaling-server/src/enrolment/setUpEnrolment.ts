import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Switchboard } from '../switchboard/switchboard.js';
import type { EnrolmentDeps } from './enrolKiosk.js';
import { resolveEnrolmentConfig } from './enrolmentConfig.js';
import { enrolmentDeps } from './enrolmentDeps.js';
import { loadEnrolmentKey } from './enrolmentKey.js';
import { KioskAdministration } from './kioskAdministration.js';

export interface EnrolmentSetup {
  config: ServerConfig;
  store: Store;
  authenticator: Authenticator;
  switchboard: Switchboard;
  clock: Clock;
  logger: Logger;
  /** KIOSK_ENROLMENT_KEY is read from here. */
  env: Readonly<Record<string, string | undefined>>;
  /** Closes the kiosk's open connections (4401); returns how many. */
  disconnectKiosk(kioskId: string): number;
}

/**
 * Loads the enrolment code key (one clear log line when there is none: enrolment is then off),
 * gives administrators their kiosk commands, and returns what POST /api/enrol needs.
 */
export function setUpEnrolment(setup: EnrolmentSetup): EnrolmentDeps | undefined {
  const { config, store, authenticator, clock, logger } = setup;
  const settings = resolveEnrolmentConfig(config.enrolment);
  const key = loadEnrolmentKey(setup.env, settings);
  if (!key.ok) logger.warn(`enrolment disabled: ${key.reason}; kiosks use config tokens only`);
  else logger.info('enrolment enabled: codes stored as HMAC-SHA256', { keySource: key.source });
  const codeKey = key.ok ? key.key : undefined;
  setup.switchboard.useKioskAdministration(
    new KioskAdministration({
      authenticator,
      records: store.enrolment,
      codeKey,
      codeTtlMinutes: settings.codeTtlMinutes,
      disconnectKiosk: setup.disconnectKiosk,
      clock,
      logger,
    }),
  );
  return enrolmentDeps(config, store, authenticator, clock, codeKey);
}
