import { createHash, randomBytes } from 'node:crypto';
import type { PersonRole } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import type { SessionTokenStore } from './sessionTokenStore.js';

export const SESSION_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
const SESSION_TOKEN_BYTES = 32;

/**
 * Who a session token was issued to: the role is part of it, so a token never opens another role.
 * `stamp` is what the issuer checks again when the token comes back (the authenticator: a digest
 * of the password hash it was issued under, so changing a password in the config ends old sessions).
 */
export interface SessionOwner {
  role: PersonRole;
  id: string;
  stamp: string;
}

/**
 * People's session tokens: a reload of a console, or its reconnection after the server restarted,
 * does not ask for the password again. Keyed by the token's sha256 so a heap dump, like the
 * store's file, shows no usable token. Looked up in memory; with a store, every change is written
 * through and the tokens still valid are read back at start (sessionTokenStore.ts).
 */
export class SessionTokens {
  private readonly sessions = new Map<string, SessionOwner & { expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = SESSION_TOKEN_TTL_MS,
    private readonly store?: SessionTokenStore,
  ) {
    const now = clock.now();
    store?.deleteExpired(now);
    // Earliest expiry first, so the map keeps the issue order that `sweep` relies on.
    for (const kept of store?.load(now) ?? []) this.sessions.set(kept.digest, { role: kept.role, id: kept.id, stamp: kept.stamp, expiresAt: kept.expiresAt });
  }

  issue(owner: SessionOwner): string {
    this.sweep();
    const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
    const session = { role: owner.role, id: owner.id, stamp: owner.stamp, expiresAt: this.clock.now() + this.ttlMs };
    const key = digest(token);
    this.sessions.set(key, session);
    this.store?.save({ digest: key, ...session });
    return token;
  }

  /** Tokens held, expired ones included until a sweep (each `issue` sweeps). */
  get size(): number {
    return this.sessions.size;
  }

  /** Whom the token was issued to, or undefined if unknown or expired. */
  resolve(token: string): SessionOwner | undefined {
    const key = digest(token);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock.now()) {
      this.sessions.delete(key);
      this.store?.delete(key);
      return undefined;
    }
    return { role: session.role, id: session.id, stamp: session.stamp };
  }

  /** Logout: every token of that person stops working at once (ids are unique across people). */
  revokePerson(id: string): number {
    let revoked = 0;
    for (const [key, session] of this.sessions) {
      if (session.id === id) {
        this.sessions.delete(key);
        revoked += 1;
      }
    }
    this.store?.deletePerson(id);
    return revoked;
  }

  /**
   * Tokens are kept in issue order and all live `ttlMs`, so the expired ones are at the front:
   * O(expired) per issue, not O(sessions) (a morning's sign-ins were quadratic). Should the wall
   * clock step back, a later token may expire first; it is then refused by `resolve` and swept
   * once the tokens before it have expired.
   */
  private sweep(): void {
    const now = this.clock.now();
    let swept = false;
    for (const [key, session] of this.sessions) {
      if (session.expiresAt > now) break;
      this.sessions.delete(key);
      swept = true;
    }
    if (swept) this.store?.deleteExpired(now);
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
