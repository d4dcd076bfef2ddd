import { resolve } from 'node:path';
import { Id, type ClientMessage } from '../../../protocol/index.js';
import { systemClock, type Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { DEFAULT_DATA_DIR } from '../startFromEnvironment.js';
import { runAdminCommand, type AdminLogin } from './adminClient.js';
import { issueEnrolmentCode } from './enrolKiosk.js';
import { resolveEnrolmentConfig } from './enrolmentConfig.js';
import { generateEnrolmentCode } from './enrolmentCodes.js';
import { ENROLMENT_KEY_ENV, loadEnrolmentKey } from './enrolmentKey.js';
import { openEnrolmentDatabase } from './sqliteEnrolmentStore.js';

/** Where the administrator's sign-in comes from for `--server` commands. */
export const ADMIN_USERNAME_ENV = 'KIOSK_ADMIN_USERNAME';
export const ADMIN_PASSWORD_ENV = 'KIOSK_ADMIN_PASSWORD';

export const KIOSK_ADMIN_USAGE = `Usage: npm run kiosk-admin -- issue-code <kioskId> [--server <url>]  one-time enrolment code for that kiosk
       npm run kiosk-admin -- revoke <kioskId> --server <url>         cut the kiosk off now (closes its connection; survives restarts)
       npm run kiosk-admin -- reinstate <kioskId> --server <url>      lift that revocation (the kiosk enrols again)
       npm run kiosk-admin -- forget-secret <kioskId>                 the kiosk's enrolled device secret stops working
With --server the command goes to the running server as an administrator (config "administrators"):
${ADMIN_USERNAME_ENV}, and ${ADMIN_PASSWORD_ENV} or a prompt. Without it, issue-code and forget-secret write
the server's SQLite file: DATA_DIR (default ${DEFAULT_DATA_DIR}); CONFIG (the server config: checks that the
kiosk is listed, reads enrolment.codeTtlMinutes and enrolment.keyFile); ${ENROLMENT_KEY_ENV} (the code key).`;

const OFFLINE_COMMANDS = ['issue-code', 'forget-secret'] as const;
const SERVER_COMMANDS = ['issue-code', 'revoke', 'reinstate'] as const;

export interface KioskAdminEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /** Injected in tests; the real code is random. */
  generateCode?: () => string;
  /** Asks for the administrator's password when it is not in the environment (a terminal prompt). */
  askPassword?: () => Promise<string>;
}

interface ParsedArgs {
  command: string;
  kioskId: string;
  server?: string;
}

function parseArgs(args: readonly string[]): ParsedArgs {
  const [command, kioskId, ...rest] = args;
  let server: string | undefined;
  if (rest.length === 2 && rest[0] === '--server') server = rest[1];
  else if (rest.length > 0) throw new Error(KIOSK_ADMIN_USAGE);
  if (command === undefined || kioskId === undefined) throw new Error(KIOSK_ADMIN_USAGE);
  const known: readonly string[] = server === undefined ? OFFLINE_COMMANDS : SERVER_COMMANDS;
  if (!known.includes(command)) {
    if (server === undefined && (SERVER_COMMANDS as readonly string[]).includes(command)) {
      throw new Error(`${command} needs --server <url>: only the running server can close the kiosk's open connection.\n${KIOSK_ADMIN_USAGE}`);
    }
    throw new Error(KIOSK_ADMIN_USAGE);
  }
  if (!Id.safeParse(kioskId).success) throw new Error(`"${kioskId}" is not a kiosk id (letters, digits and . _ : - only).`);
  return { command, kioskId, ...(server !== undefined ? { server } : {}) };
}

/**
 * `kiosk-admin` without `--server`: writes to the server's SQLite file, which a running server reads
 * on every request, so no restart is needed. Returns the lines to print; throws an Error with a
 * message for the administrator.
 */
export function runKioskAdmin(args: readonly string[], { env, clock = systemClock, generateCode = generateEnrolmentCode }: KioskAdminEnvironment): string[] {
  const { command, kioskId, server } = parseArgs(args);
  if (server !== undefined) throw new Error(`${command} --server is answered by the server: use runKioskAdminCommand.`);
  const configPath = env['CONFIG'];
  const config = configPath ? loadConfig(resolve(configPath)) : undefined;
  if (config && !config.kiosks.some((k) => k.id === kioskId)) throw new Error(`Kiosk "${kioskId}" is not listed in ${configPath}; add it first.`);
  const enrolment = resolveEnrolmentConfig(config?.enrolment);
  // Checked before the database is opened: without the server's key a code would never match.
  const key = command === 'issue-code' ? loadEnrolmentKey(env, enrolment) : undefined;
  if (key && !key.ok) throw new Error(`Cannot issue a code: ${key.reason}. Use the same key as the server (or --server <url>).`);
  const dataDir = resolve(env['DATA_DIR'] || DEFAULT_DATA_DIR);
  const database = openEnrolmentDatabase(dataDir);
  try {
    // Only issue-code loads a key: without one the command is forget-secret.
    if (!key) {
      const forgotten = database.store.forgetDeviceSecret(kioskId);
      return [forgotten ? `Kiosk "${kioskId}": device secret forgotten; its next connection is refused until it enrols again.` : `Kiosk "${kioskId}" has no enrolled device secret.`];
    }
    const issued = issueEnrolmentCode({ store: database.store, clock, codeKey: key.key, ttlMinutes: enrolment.codeTtlMinutes, generateCode }, kioskId);
    return codeLines(kioskId, issued.code, issued.expiresAt);
  } finally {
    database.close();
  }
}

/** Every command: `--server` ones through the running server as an administrator, the rest as runKioskAdmin. */
export async function runKioskAdminCommand(args: readonly string[], environment: KioskAdminEnvironment): Promise<string[]> {
  const { command, kioskId, server } = parseArgs(args);
  if (server === undefined) return runKioskAdmin(args, environment);
  const login = await adminLogin(environment);
  const message: ClientMessage =
    command === 'revoke'
      ? { type: 'kiosk.revoke', kioskId }
      : command === 'reinstate'
        ? { type: 'kiosk.reinstate', kioskId }
        : { type: 'enrolment.issue', kioskId };
  const reply = await runAdminCommand(server, login, message);
  switch (reply.type) {
    case 'error':
      throw new Error(`Refused (${reply.code}): ${reply.message}`);
    case 'kiosk.revoked':
      return [
        `Kiosk "${kioskId}" revoked: ${reply.closedConnections} open connection(s) closed; its hellos and enrolments are refused, also after a restart.`,
        `To let it back in: npm run kiosk-admin -- reinstate ${kioskId} --server ${server} (it then enrols again).`,
      ];
    case 'kiosk.reinstated':
      return reply.allowed
        ? [`Kiosk "${kioskId}" reinstated. Its device secret was forgotten at revocation: issue a code and enrol it again.`]
        : [`Kiosk "${kioskId}" is still revoked by the server config ("revoked": true); edit the config to lift it.`];
    case 'enrolment.issued':
      return codeLines(kioskId, reply.code, reply.expiresAt);
  }
}

async function adminLogin({ env, askPassword }: KioskAdminEnvironment): Promise<AdminLogin> {
  const username = env[ADMIN_USERNAME_ENV];
  if (!username) throw new Error(`Set ${ADMIN_USERNAME_ENV} to an administrator's username (config "administrators").`);
  const password = env[ADMIN_PASSWORD_ENV] || (askPassword ? await askPassword() : '');
  if (!password) throw new Error(`No password: set ${ADMIN_PASSWORD_ENV} or run in a terminal to be asked.`);
  return { username, password };
}

function codeLines(kioskId: string, code: string, expiresAt: number): string[] {
  return [
    `Enrolment code for kiosk "${kioskId}": ${code}`,
    `Valid once, until ${new Date(expiresAt).toISOString()}. Any earlier unused code for this kiosk no longer works.`,
    `Put it in the kiosk's kiosk.json as "enrolmentCode" (with serverUrl and kioskId, no token) and start the kiosk.`,
  ];
}
