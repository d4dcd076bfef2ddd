import { createHash } from 'node:crypto';
import type { Credentials } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import type { AdminConfig, AgentConfig, InterpreterConfig, KioskConfig, ServerConfig, StaffConfig } from '../config.js';
import type { EnrolmentStore } from '../enrolment/enrolmentStore.js';
import { verifyKioskToken } from './kioskTokens.js';
import { DUMMY_PASSWORD_HASH, verifyPasswordAsync } from './passwords.js';
import type { SessionTokenStore } from './sessionTokenStore.js';
import { SESSION_TOKEN_TTL_MS, SessionTokens } from './sessionTokens.js';

/** Compared against when there is nothing to compare with, so every hello costs the same two hashes. */
const NO_HASH = '0'.repeat(64);

export type Authenticated =
  | { role: 'kiosk'; kiosk: KioskConfig }
  /** Interpreters join calls as agent sessions that are never offered visitors (`serviceLines: []`). */
  | { role: 'agent' | 'interpreter'; agent: AgentConfig; sessionToken: string }
  | { role: 'staff'; staff: StaffConfig; sessionToken: string }
  | { role: 'admin'; admin: AdminConfig; sessionToken: string };

/** One person's account, whatever the role: what a sign-in is checked against. */
type Account = (
  | { role: 'agent' | 'interpreter'; id: string; passwordHash: string; config: AgentConfig }
  | { role: 'staff'; id: string; passwordHash: string; config: StaffConfig }
  | { role: 'admin'; id: string; passwordHash: string; config: AdminConfig }
) & {
  /** Which password its sessions are bound to (passwordStamp), derived once from the config. */
  passwordStamp: string;
};

/** Where enrolled kiosks' secrets and administrators' revocations live (read on every kiosk hello). */
export type KioskRecords = Pick<EnrolmentStore, 'deviceSecretSha256' | 'isKioskRevoked'>;

/** An interpreter as the switchboard sees them: an agent session that serves no service line. */
export function interpreterAsAgent(interpreter: InterpreterConfig): AgentConfig {
  return {
    id: interpreter.id,
    username: interpreter.username,
    passwordHash: interpreter.passwordHash,
    languages: interpreter.languages,
    serviceLines: [],
    interpreterLanguages: interpreter.interpreterLanguages,
  };
}

/** A person signing in with a username and password (not a kiosk, not a session token). */
export type PasswordCredentials = Extract<Credentials, { password: string }>;
/** Checked at once, one SHA-256 or a lookup: a kiosk's token or a person's session token. */
export type TokenCredentials = Exclude<Credentials, PasswordCredentials>;

export function isPasswordSignIn(credentials: Credentials): credentials is PasswordCredentials {
  return credentials.role !== 'kiosk' && 'password' in credentials;
}

/** Checks hello credentials against the config; knows nothing about sockets. */
export class Authenticator {
  private readonly kiosksById: ReadonlyMap<string, KioskConfig>;
  private readonly accountsByUsername: ReadonlyMap<string, Account>;
  private readonly accountsById: ReadonlyMap<string, Account>;
  private readonly sessions: SessionTokens;
  /** Kiosks refused by the config (`revoked`, or cut off by a SIGHUP reload); administrators' revocations are in the store. */
  private readonly revokedKiosks: Set<string>;

  /**
   * `kioskRecords`: where enrolled kiosks' secret hashes and administrators' revocations live (read
   * on every kiosk hello, so an enrolment or a revocation counts at once). Without it only the
   * config tokens and the config's revocations count.
   */
  constructor(
    config: ServerConfig,
    clock: Clock,
    private readonly kioskRecords?: KioskRecords,
    /** People's session tokens kept across restarts; without it they last as long as the process. */
    sessionTokenStore?: SessionTokenStore,
  ) {
    this.kiosksById = new Map(config.kiosks.map((k) => [k.id, k]));
    const stamped = (passwordHash: string) => ({ passwordHash, passwordStamp: passwordStamp(passwordHash) });
    const accounts: Account[] = [
      ...config.agents.map((a): Account => ({ role: 'agent', id: a.id, ...stamped(a.passwordHash), config: a })),
      ...config.interpreters.map((i): Account => ({ role: 'interpreter', id: i.id, ...stamped(i.passwordHash), config: interpreterAsAgent(i) })),
      ...config.staff.map((s): Account => ({ role: 'staff', id: s.id, ...stamped(s.passwordHash), config: s })),
      ...config.administrators.map((a): Account => ({ role: 'admin', id: a.id, ...stamped(a.passwordHash), config: a })),
    ];
    // The config checks that usernames and ids are unique across every list of people.
    this.accountsByUsername = new Map(accounts.map((a) => [a.config.username, a]));
    this.accountsById = new Map(accounts.map((a) => [a.id, a]));
    this.sessions = new SessionTokens(clock, SESSION_TOKEN_TTL_MS, sessionTokenStore);
    this.revokedKiosks = new Set(config.kiosks.filter((k) => k.revoked === true).map((k) => k.id));
  }

  /**
   * undefined means "not accepted"; the reason is deliberately not told to the client. Passwords
   * go to `authenticatePassword`, which hashes off the event loop.
   */
  authenticate(credentials: TokenCredentials): Authenticated | undefined {
    if (credentials.role === 'kiosk') {
      const kiosk = this.kiosksById.get(credentials.kioskId);
      // The config token (installed by hand, or the demo) or the enrolled device secret. Both are
      // always checked, timing-safe, also for an unknown kiosk: response time reveals neither which ids
      // exist nor which kind of credential a kiosk has. A kiosk with neither never matches NO_HASH.
      const configTokenOk = verifyKioskToken(credentials.token, kiosk?.tokenSha256 ?? NO_HASH);
      const deviceSecretOk = verifyKioskToken(credentials.token, this.kioskRecords?.deviceSecretSha256(credentials.kioskId) ?? NO_HASH);
      const ok = (configTokenOk || deviceSecretOk) && kiosk !== undefined && !this.isKioskRevoked(kiosk.id);
      return ok ? { role: 'kiosk', kiosk } : undefined;
    }
    const owner = this.sessions.resolve(credentials.sessionToken);
    const account = owner === undefined ? undefined : this.accountsById.get(owner.id);
    // A token opens only the role it was issued for, and only under the password it was issued
    // under: a password changed in the config (the server restarted with it) ends that person's
    // sessions, as a restart did for everyone when the tokens were in memory only.
    if (!account || owner?.role !== credentials.role || account.role !== credentials.role) return undefined;
    if (owner.stamp !== account.passwordStamp) return undefined;
    return authenticated(account, credentials.sessionToken);
  }

  /**
   * A username and password, with the hash off the event loop (`verifyPasswordAsync`): the
   * server's only check that takes tens of milliseconds.
   */
  async authenticatePassword(credentials: PasswordCredentials): Promise<Authenticated | undefined> {
    const account = this.accountsByUsername.get(credentials.username);
    // The password is always hashed, also for an unknown username or the wrong role: the answer
    // takes the same time whether the username exists, and whatever role it belongs to.
    const passwordOk = await verifyPasswordAsync(credentials.password, account?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!passwordOk || !account || account.role !== credentials.role) return undefined;
    return authenticated(account, this.sessions.issue({ role: account.role, id: account.id, stamp: account.passwordStamp }));
  }

  /**
   * A lost or stolen kiosk, cut off by the config (SIGHUP): its token no longer opens a session,
   * until a restart with a config that does not mark it revoked. Closing its open connection is
   * the server's job; administrators' revocations go to the store (enrolment/kioskAdministration.ts).
   */
  revokeKiosk(kioskId: string): void {
    this.revokedKiosks.add(kioskId);
  }

  /** Refused by the config, or revoked by an administrator (persisted, so it survives a restart). */
  isKioskRevoked(kioskId: string): boolean {
    return this.revokedKiosks.has(kioskId) || this.isRevokedInStore(kioskId);
  }

  /** Only the config's revocation (which an administrator cannot lift over the network). */
  isKioskRevokedByConfig(kioskId: string): boolean {
    return this.revokedKiosks.has(kioskId);
  }

  isKioskListed(kioskId: string): boolean {
    return this.kiosksById.has(kioskId);
  }

  /** Logout of any person: their session tokens no longer open a session. */
  revokePersonSessions(personId: string): void {
    this.sessions.revokePerson(personId);
  }

  /** The connection pipeline's name for it, from when only agents had sessions. */
  revokeAgentSessions(personId: string): void {
    this.revokePersonSessions(personId);
  }

  private isRevokedInStore(kioskId: string): boolean {
    // A store that cannot be read refuses the kiosk: failing closed is the safe side for a revocation list.
    try {
      return this.kioskRecords?.isKioskRevoked(kioskId) ?? false;
    } catch {
      return true;
    }
  }
}

/**
 * Which password a session was issued under: a digest of its hash (salt included, so every change
 * of password changes it). Kept with the session, in memory and in the file; it opens nothing.
 */
function passwordStamp(passwordHash: string): string {
  return createHash('sha256').update(passwordHash, 'utf8').digest('base64url');
}

function authenticated(account: Account, sessionToken: string): Authenticated {
  switch (account.role) {
    case 'agent':
    case 'interpreter':
      return { role: account.role, agent: account.config, sessionToken };
    case 'staff':
      return { role: 'staff', staff: account.config, sessionToken };
    case 'admin':
      return { role: 'admin', admin: account.config, sessionToken };
  }
}
