import type { ClientMessage, MessageOf } from '../../../protocol/index.js';
import { LOCKOUT_MS, type LoginLockout } from '../auth/loginLockout.js';
import { CLOSE_CODES } from '../closeCodes.js';
import type { ClientConnection } from '../connection/clientConnection.js';
import type { Logger } from '../logger.js';
import { isPasswordSignIn } from '../auth/authenticator.js';
import type { HelloOutcome } from '../handlers/helloHandler.js';
import { SerialQueue } from './serialQueue.js';
import type { AddressGuard } from './addressGuard.js';

export const LOCKED_MESSAGE = `Too many failed sign-in attempts for this username: it is locked for ${LOCKOUT_MS / 60_000} minutes.`;

type Hello = MessageOf<ClientMessage, 'hello'>;

export interface HelloGuardDeps {
  lockout: LoginLockout;
  addresses: AddressGuard;
  logger: Logger;
}

/** Password sign-ins waiting for their turn beyond this are refused RATE_LIMITED (a flood of guesses, not a morning rush). */
export const MAX_WAITING_SIGN_INS = 200;

/**
 * Wraps the hello handler with the login limits: an address that failed too often is
 * refused RATE_LIMITED, a locked username AUTH_FAILED (without checking the password),
 * and the result of the real hello is counted.
 *
 * Password sign-ins are hashed off the event loop (auth/passwords.ts), one at a time, each with
 * its checks when its turn comes and counted before the next starts: six wrong passwords sent at
 * once for one username are five refusals and a lock, exactly as when they arrive one by one.
 * Kiosk tokens and session tokens are checked at once, as before.
 */
export function createHelloGuard({ lockout, addresses, logger }: HelloGuardDeps) {
  const signIns = new SerialQueue();

  /** The limits, then the hello, then its outcome counted; a promise while a password is checked. */
  function guarded(connection: ClientConnection, hello: Hello, runHello: () => HelloOutcome | Promise<HelloOutcome>): Promise<void> | undefined {
    const address = connection.remoteAddress;
    const credentials = hello.credentials;
    // Every person's username locks the same way (agents, interpreters, staff, administrators); the
    // lockout is keyed by username alone, so guessing under another role still counts against it.
    const username = isPasswordSignIn(credentials) ? credentials.username : undefined;
    if (!addresses.loginAllowed(address)) {
      logger.warn('hello refused: too many failed logins from this address', { connectionId: connection.id });
      connection.sendError('RATE_LIMITED', undefined, 'hello');
      connection.close(CLOSE_CODES.rateLimited, 'too many failed logins');
      return undefined;
    }
    if (username !== undefined && lockout.isLocked(username)) {
      addresses.recordFailedLogin(address);
      logger.warn('hello refused: username locked', { connectionId: connection.id });
      connection.sendError('AUTH_FAILED', LOCKED_MESSAGE, 'hello');
      connection.close(CLOSE_CODES.authFailed, 'authentication failed');
      return undefined;
    }
    // A version mismatch or a second hello is not a guess at a secret: 'uncounted' is not counted.
    const count = (outcome: HelloOutcome): void => {
      if (outcome === 'accepted' && username !== undefined) lockout.recordSuccess(username);
      if (outcome !== 'refused') return;
      addresses.recordFailedLogin(address);
      if (username !== undefined) lockout.recordFailure(username);
    };
    const outcome = runHello();
    if (outcome instanceof Promise) return outcome.then(count);
    count(outcome);
    return undefined;
  }

  /** Undefined when the hello is done; a promise when a password is being checked. */
  return (connection: ClientConnection, hello: Hello, runHello: () => HelloOutcome | Promise<HelloOutcome>): Promise<unknown> | undefined => {
    if (connection.party) {
      runHello(); // answers ALREADY_AUTHENTICATED; nothing to count
      return undefined;
    }
    if (!isPasswordSignIn(hello.credentials)) {
      // A token is checked at once: nothing to wait for.
      guarded(connection, hello, runHello);
      return undefined;
    }
    if (signIns.waiting >= MAX_WAITING_SIGN_INS) {
      logger.warn('hello refused: too many sign-ins waiting', { connectionId: connection.id });
      connection.sendError('RATE_LIMITED', 'Too many people are signing in at once: try again in a moment.', 'hello');
      connection.close(CLOSE_CODES.rateLimited, 'too many sign-ins at once');
      return undefined;
    }
    return signIns.run(async () => {
      // Left while waiting for its turn: nothing to check, nothing to count.
      if (!connection.isOpen) return;
      await guarded(connection, hello, runHello);
    });
  };
}

export type HelloGuard = ReturnType<typeof createHelloGuard>;
