import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

export const SESSION_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
const SESSION_TOKEN_BYTES = 32;

/**
 * Agent session tokens, kept in memory: a reload of the console does not ask for the
 * password again. Keyed by the token's sha256 so a heap dump shows no usable token.
 */
export class SessionTokens {
  private readonly sessions = new Map<string, { agentId: string; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = SESSION_TOKEN_TTL_MS,
  ) {}

  issue(agentId: string): string {
    this.sweep();
    const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
    this.sessions.set(digest(token), { agentId, expiresAt: this.clock.now() + this.ttlMs });
    return token;
  }

  /** The agent id the token was issued to, or undefined if unknown or expired. */
  resolve(token: string): string | undefined {
    const key = digest(token);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session.agentId;
  }

  /** Logout: every token of that agent stops working at once (one console per agent anyway). */
  revokeAgent(agentId: string): number {
    let revoked = 0;
    for (const [key, session] of this.sessions) {
      if (session.agentId === agentId) {
        this.sessions.delete(key);
        revoked += 1;
      }
    }
    return revoked;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(key);
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
