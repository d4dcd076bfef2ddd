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

  constructor(config: ServerConfig, clock: Clock) {
    this.kiosksById = new Map(config.kiosks.map((k) => [k.id, k]));
    this.agentsByUsername = new Map(config.agents.map((a) => [a.username, a]));
    this.agentsById = new Map(config.agents.map((a) => [a.id, a]));
    this.sessions = new SessionTokens(clock);
  }

  /** undefined means "not accepted"; the reason is deliberately not told to the client. */
  authenticate(credentials: Credentials): Authenticated | undefined {
    if (credentials.role === 'kiosk') {
      const kiosk = this.kiosksById.get(credentials.kioskId);
      // Unknown kiosk: still hash, so response time does not reveal which ids exist.
      const ok = verifyKioskToken(credentials.token, kiosk?.tokenSha256 ?? '0'.repeat(64)) && kiosk !== undefined;
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

  /** Logout: the agent's session tokens no longer open a session. */
  revokeAgentSessions(agentId: string): void {
    this.sessions.revokeAgent(agentId);
  }
}
