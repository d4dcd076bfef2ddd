import type { Credentials } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import type { AgentConfig, KioskConfig, ServerConfig } from '../config.js';
import { verifyKioskToken } from './kioskTokens.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.js';
import { SessionTokens } from './sessionTokens.js';

export type Authenticated =
  | { role: 'kiosk'; kiosk: KioskConfig }
  | { role: 'agent'; agent: AgentConfig; sessionToken: string };

/** Checks hello credentials against the config; knows nothing about sockets. */
export class Authenticator {
  private readonly kiosksById: ReadonlyMap<string, KioskConfig>;
  private readonly agentsByUsername: ReadonlyMap<string, AgentConfig>;
  private readonly agentsById: ReadonlyMap<string, AgentConfig>;
  private readonly sessions: SessionTokens;
  /** Kiosks whose hello is refused: marked `revoked` in the config or revoked while running. */
  private readonly revokedKiosks: Set<string>;

  constructor(config: ServerConfig, clock: Clock) {
    this.kiosksById = new Map(config.kiosks.map((k) => [k.id, k]));
    this.agentsByUsername = new Map(config.agents.map((a) => [a.username, a]));
    this.agentsById = new Map(config.agents.map((a) => [a.id, a]));
    this.sessions = new SessionTokens(clock);
    this.revokedKiosks = new Set(config.kiosks.filter((k) => k.revoked === true).map((k) => k.id));
  }

  /** undefined means "not accepted"; the reason is deliberately not told to the client. */
  authenticate(credentials: Credentials): Authenticated | undefined {
    if (credentials.role === 'kiosk') {
      const kiosk = this.kiosksById.get(credentials.kioskId);
      // Unknown kiosk: still hash, so response time does not reveal which ids exist.
      const ok =
        verifyKioskToken(credentials.token, kiosk?.tokenSha256 ?? '0'.repeat(64)) &&
        kiosk !== undefined &&
        !this.revokedKiosks.has(kiosk.id);
      return ok ? { role: 'kiosk', kiosk } : undefined;
    }
    if ('sessionToken' in credentials) {
      const agentId = this.sessions.resolve(credentials.sessionToken);
      const agent = agentId === undefined ? undefined : this.agentsById.get(agentId);
      return agent ? { role: 'agent', agent, sessionToken: credentials.sessionToken } : undefined;
    }
    const agent = this.agentsByUsername.get(credentials.username);
    const ok = verifyPassword(credentials.password, agent?.passwordHash ?? DUMMY_PASSWORD_HASH) && agent !== undefined;
    return ok ? { role: 'agent', agent, sessionToken: this.sessions.issue(agent.id) } : undefined;
  }

  /**
   * A lost or stolen kiosk: its token no longer opens a session, until a restart with a config
   * that does not mark it revoked. Closing its open connection is the server's job.
   */
  revokeKiosk(kioskId: string): void {
    this.revokedKiosks.add(kioskId);
  }

  isKioskRevoked(kioskId: string): boolean {
    return this.revokedKiosks.has(kioskId);
  }

  /** Logout: the agent's session tokens no longer open a session. */
  revokeAgentSessions(agentId: string): void {
    this.sessions.revokeAgent(agentId);
  }
}
