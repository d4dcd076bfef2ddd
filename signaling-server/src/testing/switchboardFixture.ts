import type { ServerMessage } from '../../../protocol/index.js';
import type { AgentConfig, KioskConfig } from '../config.js';
import type { Outbox } from '../switchboard/switchboard.js';

/** An Outbox that keeps what it was sent, for switchboard tests without sockets. */
export class FakeOutbox implements Outbox {
  readonly sent: ServerMessage[] = [];
  closedWith: number | undefined;
  send(message: ServerMessage): void {
    this.sent.push(message);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  ofType<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }
  last<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }> | undefined {
    return this.ofType(type).at(-1);
  }
}

export const kioskConfig = (id: string, siteId = 'site-1'): KioskConfig => ({ id, siteId, tokenSha256: '0'.repeat(64) });

/** A bilingual agent on pensions and passports unless `over` says otherwise. */
export const agentConfig = (id: string, over: Partial<AgentConfig> = {}): AgentConfig => ({
  id,
  username: id,
  passwordHash: 'unused',
  languages: ['en', 'fr'],
  serviceLines: ['pensions', 'passport'],
  ...over,
});
