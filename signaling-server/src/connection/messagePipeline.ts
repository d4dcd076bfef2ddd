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

/** A client waits for its welcome before it sends more than a few frames; beyond this it is closed. */
export const MAX_FRAMES_HELD_DURING_HELLO = 32;

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

  /** Frames that came while the hello's password was checked go through, in order, once it is done. */
  function holdFramesUntil(connection: ClientConnection, done: Promise<unknown>): void {
    connection.heldFrames = [];
    const release = () => {
      const frames = connection.heldFrames ?? [];
      connection.heldFrames = undefined;
      for (const frame of frames) handleFrame(connection, frame.data, frame.isBinary);
    };
    done.then(release, (error: unknown) => {
      log.error('hello failed', { connectionId: connection.id, error });
      connection.sendError('INTERNAL', undefined, 'hello');
      release();
    });
  }

  function handleFrame(connection: ClientConnection, data: RawData, isBinary: boolean): void {
    // A replaced or refused connection must not act for the identity it had.
    if (connection.closing) return;
    if (connection.heldFrames) {
      // A client that floods while signing in is not waited for.
      if (connection.heldFrames.length >= MAX_FRAMES_HELD_DURING_HELLO) {
        connection.sendError('RATE_LIMITED');
        connection.close(CLOSE_CODES.rateLimited, 'too many frames before welcome');
        return;
      }
      connection.heldFrames.push({ data, isBinary });
      return;
    }
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
        const pending = deps.helloGuard ? deps.helloGuard(connection, message, runHello) : runHello();
        if (pending instanceof Promise) holdFramesUntil(connection, pending);
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
  }

  return handleFrame;
}

function rawByteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
