import { resolve } from 'node:path';
import { Id } from '../../../protocol/index.js';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { DEFAULT_DATA_DIR } from '../startFromEnvironment.js';
import { resolveEnrolmentConfig } from './enrolmentConfig.js';
import { formatEnrolmentCode, generateEnrolmentCode, hashEnrolmentCode } from './enrolmentCodes.js';
import { openEnrolmentDatabase } from './sqliteEnrolmentStore.js';

const MINUTE_MS = 60_000;

export const KIOSK_ADMIN_USAGE = `Usage: npm run kiosk-admin -- issue-code <kioskId>     one-time enrolment code for that kiosk
       npm run kiosk-admin -- forget-secret <kioskId>  the kiosk's enrolled device secret stops working
Environment: DATA_DIR (the server's data folder, default ${DEFAULT_DATA_DIR}); CONFIG (the server config:
checks that the kiosk is listed and reads enrolment.codeTtlMinutes).`;

export interface KioskAdminEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /** Injected in tests; the real code is random. */
  generateCode?: () => string;
}

/**
 * `kiosk-admin`: writes to the server's SQLite file, which a running server reads on every request, so
 * no restart is needed. Returns the lines to print; throws an Error with a message for the administrator.
 */
export function runKioskAdmin(args: readonly string[], { env, clock = systemClock, generateCode = generateEnrolmentCode }: KioskAdminEnvironment): string[] {
  const [command, kioskId, ...rest] = args;
  if ((command !== 'issue-code' && command !== 'forget-secret') || kioskId === undefined || rest.length > 0) throw new Error(KIOSK_ADMIN_USAGE);
  if (!Id.safeParse(kioskId).success) throw new Error(`"${kioskId}" is not a kiosk id (letters, digits and . _ : - only).`);
  const configPath = env['CONFIG'];
  const config = configPath ? loadConfig(resolve(configPath)) : undefined;
  if (config && !config.kiosks.some((k) => k.id === kioskId)) throw new Error(`Kiosk "${kioskId}" is not listed in ${configPath}; add it first.`);
  const dataDir = resolve(env['DATA_DIR'] || DEFAULT_DATA_DIR);
  const database = openEnrolmentDatabase(dataDir);
  try {
    if (command === 'forget-secret') {
      const forgotten = database.store.forgetDeviceSecret(kioskId);
      return [forgotten ? `Kiosk "${kioskId}": device secret forgotten; its next connection is refused until it enrols again.` : `Kiosk "${kioskId}" has no enrolled device secret.`];
    }
    const code = generateCode();
    const ttlMinutes = resolveEnrolmentConfig(config?.enrolment).codeTtlMinutes;
    const issuedAt = clock.now();
    const expiresAt = issuedAt + ttlMinutes * MINUTE_MS;
    database.store.issueCode({ kioskId, codeSha256: hashEnrolmentCode(code), issuedAt, expiresAt });
    return [
      `Enrolment code for kiosk "${kioskId}": ${formatEnrolmentCode(code)}`,
      `Valid once, until ${new Date(expiresAt).toISOString()}. Any earlier unused code for this kiosk no longer works.`,
      `Put it in the kiosk's kiosk.json as "enrolmentCode" (with serverUrl and kioskId, no token) and start the kiosk.`,
    ];
  } finally {
    database.close();
  }
}
