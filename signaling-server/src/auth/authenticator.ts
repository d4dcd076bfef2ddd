import type { Credentials } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import type { AgentConfig, KioskConfig, ServerConfig } from '../config.js';
import type { EnrolmentStore } from '../enrolment/enrolmentStore.js';
import { verifyKioskToken } from './kioskTokens.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.js';
import { SessionTokens } from './sessionTokens.js';

/** Compared against when there is nothing to compare with, so every hello costs the same two hashes. */
const NO_HASH = '0'.repeat(64);

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

  /**
   * `deviceSecrets`: where enrolled kiosks' secret hashes live (read on every kiosk hello, so an
   * enrolment or a re-enrolment counts at once). Without it only the config tokens are accepted.
   */
  constructor(
    config: ServerConfig,
    clock: Clock,
    private readonly deviceSecrets?: Pick<EnrolmentStore, 'deviceSecretSha256'>,
  ) {
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
      // The config token (installed by hand, or the demo) or the enrolled device secret. Both are
      // always checked, timing-safe, also for an unknown kiosk: response time reveals neither which ids
      // exist nor which kind of credential a kiosk has.
      const configTokenOk = verifyKioskToken(credentials.token, kiosk?.tokenSha256 ?? NO_HASH);
      const deviceSecretOk = verifyKioskToken(credentials.token, this.deviceSecrets?.deviceSecretSha256(credentials.kioskId) ?? NO_HASH);
      const ok = (configTokenOk || deviceSecretOk) && kiosk !== undefined && !this.revokedKiosks.has(kiosk.id);
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
