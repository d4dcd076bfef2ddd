import { PROTOCOL_VERSION, type ClientMessage, type MessageOf } from '../../../protocol/index.js';
import { LOCKOUT_MS, type LoginLockout } from '../auth/loginLockout.js';
import { CLOSE_CODES } from '../closeCodes.js';
import type { ClientConnection } from '../connection/clientConnection.js';
import type { Logger } from '../logger.js';
import type { AddressGuard } from './addressGuard.js';

export const LOCKED_MESSAGE = `Too many failed sign-in attempts for this username: it is locked for ${LOCKOUT_MS / 60_000} minutes.`;

type Hello = MessageOf<ClientMessage, 'hello'>;

export interface HelloGuardDeps {
  lockout: LoginLockout;
  addresses: AddressGuard;
  logger: Logger;
}

/**
 * Wraps the hello handler with the login limits: an address that failed too often is
 * refused RATE_LIMITED, a locked username AUTH_FAILED (without checking the password),
 * and the result of the real hello is counted.
 */
export function createHelloGuard({ lockout, addresses, logger }: HelloGuardDeps) {
  return (connection: ClientConnection, hello: Hello, runHello: () => void): void => {
    if (connection.party) {
      runHello(); // answers ALREADY_AUTHENTICATED; nothing to count
      return;
    }
    const address = connection.remoteAddress;
    const credentials = hello.credentials;
    // Every person's username locks the same way (agents, interpreters, staff, administrators); the
    // lockout is keyed by username alone, so guessing under another role still counts against it.
    const username = credentials.role !== 'kiosk' && 'username' in credentials ? credentials.username : undefined;
    if (!addresses.loginAllowed(address)) {
      logger.warn('hello refused: too many failed logins from this address', { connectionId: connection.id });
      connection.sendError('RATE_LIMITED', undefined, 'hello');
      connection.close(CLOSE_CODES.rateLimited, 'too many failed logins');
      return;
    }
    if (username !== undefined && lockout.isLocked(username)) {
      addresses.recordFailedLogin(address);
      logger.warn('hello refused: username locked', { connectionId: connection.id });
      connection.sendError('AUTH_FAILED', LOCKED_MESSAGE, 'hello');
      connection.close(CLOSE_CODES.authFailed, 'authentication failed');
      return;
    }
    runHello();
    // A version mismatch is not a guess at a secret: it is not counted.
    if (hello.protocol !== PROTOCOL_VERSION) return;
    if (connection.party) {
      if (username !== undefined) lockout.recordSuccess(username);
      return;
    }
    addresses.recordFailedLogin(address);
    if (username !== undefined) lockout.recordFailure(username);
  };
}

export type HelloGuard = ReturnType<typeof createHelloGuard>;
