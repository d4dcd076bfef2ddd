import type { RawData } from 'ws';
import { CLIENT_MESSAGE_ROLES, MAX_FRAME_BYTES, parseClientFrame } from '../../../protocol/index.js';
import { CLOSE_CODES } from '../closeCodes.js';
import { handleHello, type HelloDeps } from '../handlers/helloHandler.js';
import type { HandlerContext, RoutedMessage } from '../handlers/handlerTypes.js';
import { HANDLERS } from '../handlers/registry.js';
import type { Logger } from '../logger.js';
import { ProtocolError } from '../protocolError.js';
import type { HelloGuard } from '../security/helloGuard.js';
import type { ClientConnection } from './clientConnection.js';

export type FrameHandler = (connection: ClientConnection, data: RawData, isBinary: boolean) => void;

export interface PipelineDeps extends HelloDeps {
  logger: Logger;
  /** Login limits around hello; without it hello runs unguarded (unit tests of handlers). */
  helloGuard?: HelloGuard;
}

/**
 * Every frame takes the same path: rate → size → parse → authenticated? → role allowed? → handler.
 * Nothing a client sends can throw out of here; a bug is logged and answered with INTERNAL.
 */
export function createMessagePipeline(deps: PipelineDeps): FrameHandler {
  const log = deps.logger;
  return (connection, data, isBinary) => {
    // A replaced or refused connection must not act for the identity it had.
    if (connection.closing) return;
    const bytes = rawByteLength(data);
    const verdict = connection.rateLimiter?.admit(bytes) ?? 'accept';
    if (verdict !== 'accept') {
      connection.sendError('RATE_LIMITED');
      if (verdict === 'disconnect') {
        log.warn('rate limit exceeded repeatedly, closing', { connectionId: connection.id, role: connection.party?.role });
        connection.close(CLOSE_CODES.rateLimited, 'rate limit exceeded');
      }
      return;
    }
    if (isBinary) {
      connection.sendError('INVALID_MESSAGE', 'Frames must be text frames holding JSON.');
      return;
    }
    if (bytes > MAX_FRAME_BYTES) {
      connection.sendError('FRAME_TOO_LARGE');
      return;
    }
    const parsed = parseClientFrame(rawToString(data));
    if (!parsed.ok) {
      connection.sendError(parsed.code, parsed.message, parsed.inReplyTo);
      return;
    }
    const message = parsed.value;
    try {
      if (message.type === 'hello') {
        const runHello = () => handleHello(deps, connection, message);
        if (deps.helloGuard) deps.helloGuard(connection, message, runHello);
        else runHello();
        return;
      }
      const party = connection.party;
      if (!party) {
        connection.sendError('NOT_AUTHENTICATED', undefined, message.type);
        return;
      }
      const allowed: readonly string[] = CLIENT_MESSAGE_ROLES[message.type] ?? [];
      if (!allowed.includes(party.role)) {
        connection.sendError('FORBIDDEN', undefined, message.type);
        return;
      }
      if (message.type === 'session.logout') {
        // Revoked before the close, so a reconnect racing the close cannot reuse the token.
        deps.authenticator.revokeAgentSessions(party.id);
        log.info('agent logged out', { connectionId: connection.id, agentId: party.id });
        connection.close(CLOSE_CODES.loggedOut, 'logged out');
        return;
      }
      const context: HandlerContext = { connection, party, switchboard: deps.switchboard };
      // The registry is keyed by type, so this lookup always finds the handler for this message's shape.
      const handler = HANDLERS[message.type] as (ctx: HandlerContext, message: RoutedMessage) => void;
      handler(context, message);
    } catch (error) {
      if (error instanceof ProtocolError) {
        connection.sendError(error.code, error.message, message.type);
        return;
      }
      log.error('handler failed', { connectionId: connection.id, type: message.type, error });
      connection.sendError('INTERNAL', undefined, message.type);
    }
  };
}

function rawByteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
