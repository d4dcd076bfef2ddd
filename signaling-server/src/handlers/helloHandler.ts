import { PROTOCOL_VERSION, type MessageOf, type ClientMessage, type ServerMessage } from '../../../protocol/index.js';
import { isPasswordSignIn, type Authenticated, type Authenticator } from '../auth/authenticator.js';
import { systemClock, type Clock } from '../clock.js';
import { CLOSE_CODES } from '../closeCodes.js';
import type { ServerConfig } from '../config.js';
import type { ClientConnection } from '../connection/clientConnection.js';
import type { Logger } from '../logger.js';
import type { Switchboard } from '../switchboard/switchboard.js';
import { iceSettingsFor } from '../turn/turnCredentials.js';

export interface HelloDeps {
  authenticator: Authenticator;
  switchboard: Switchboard;
  config: ServerConfig;
  logger: Logger;
  /** Dates the TURN credentials in `welcome`; the system clock when absent. */
  clock?: Clock;
}

type Hello = MessageOf<ClientMessage, 'hello'>;
type Welcome = MessageOf<ServerMessage, 'welcome'>;
/** What every role's welcome says. */
type WelcomeCommon = Pick<Welcome, 'type' | 'protocol' | 'iceServers' | 'iceTransportPolicy' | 'heartbeatIntervalMs'>;

/**
 * What a hello came to, for the login limits (security/helloGuard.ts): credentials `accepted` or
 * `refused`, or `uncounted` when no secret was checked (already signed in, another protocol).
 */
export type HelloOutcome = 'accepted' | 'refused' | 'uncounted';

/**
 * The one message allowed before authentication: checks the version and credentials, then
 * attaches. A kiosk's token or a session token is checked at once; a password is hashed off the
 * event loop, and the outcome comes later (the pipeline holds the connection's next frames).
 */
export function handleHello(deps: HelloDeps, connection: ClientConnection, hello: Hello): HelloOutcome | Promise<HelloOutcome> {
  if (connection.party) {
    connection.sendError('ALREADY_AUTHENTICATED', undefined, 'hello');
    return 'uncounted';
  }
  if (hello.protocol !== PROTOCOL_VERSION) {
    connection.sendError(
      'UNSUPPORTED_PROTOCOL',
      `This server speaks protocol ${PROTOCOL_VERSION}; the client sent ${hello.protocol}.`,
      'hello',
    );
    connection.close(CLOSE_CODES.unsupportedProtocol, 'unsupported protocol');
    return 'uncounted';
  }
  const credentials = hello.credentials;
  if (isPasswordSignIn(credentials)) {
    return deps.authenticator.authenticatePassword(credentials).then((result) => completeHello(deps, connection, hello, result));
  }
  return completeHello(deps, connection, hello, deps.authenticator.authenticate(credentials));
}

function completeHello(deps: HelloDeps, connection: ClientConnection, hello: Hello, result: Authenticated | undefined): HelloOutcome {
  if (!result) {
    // Which part was wrong is not said: it would help someone guessing.
    deps.logger.warn('authentication failed', { connectionId: connection.id, role: hello.credentials.role });
    connection.sendError('AUTH_FAILED', undefined, 'hello');
    connection.close(CLOSE_CODES.authFailed, 'authentication failed');
    return 'refused';
  }
  // Gone while the password was hashed (or hung up on): the credentials were right, but there is
  // no one to attach, and a session on a closed connection would linger.
  if (!connection.isOpen) {
    deps.logger.info('signed in after the connection closed: no session', { connectionId: connection.id, role: result.role });
    return 'accepted';
  }
  const clientId = clientIdOf(result);
  const common: WelcomeCommon = {
    type: 'welcome',
    protocol: PROTOCOL_VERSION,
    // Each client gets its own TURN credentials, valid for turn.ttlSeconds from now.
    ...iceSettingsFor(deps.config, clientId, (deps.clock ?? systemClock).now()),
    heartbeatIntervalMs: deps.config.heartbeatIntervalMs,
  };
  // A hello carrying the token of a session still held (dropped connection, or a restart) takes it back:
  // welcome first, then the messages held for it in order, then its current queue place or call.
  const resumeToken = hello.resume?.token;
  const resume = resumeToken ? { resumeToken } : {};
  switch (result.role) {
    case 'kiosk': {
      connection.party = { role: 'kiosk', id: result.kiosk.id };
      const { resumed } = deps.switchboard.attachKiosk(result.kiosk, connection, {
        greet: (session) =>
          connection.send(
            welcome(common, { role: 'kiosk', clientId: result.kiosk.id, siteId: result.kiosk.siteId, callbacks: deps.switchboard.callbacksEnabled(), ...session }),
          ),
        ...resume,
      });
      deps.logger.info('kiosk authenticated', { connectionId: connection.id, kioskId: result.kiosk.id, resumed });
      return 'accepted';
    }
    case 'agent':
    case 'interpreter': {
      const role = result.role;
      connection.party = { role, id: result.agent.id };
      const { resumed } = deps.switchboard.attachAgent(
        result.agent,
        connection,
        {
          greet: (session) =>
            connection.send(welcome(common, { role, clientId: result.agent.id, sessionToken: result.sessionToken, ...session })),
          ...resume,
        },
        role,
      );
      // Agents start away: the console says when its person is ready. A resumed agent was told its state already.
      if (!resumed) connection.send({ type: 'presence.status', state: 'away' });
      deps.logger.info(`${role} authenticated`, { connectionId: connection.id, personId: result.agent.id, resumed });
      return 'accepted';
    }
    case 'staff': {
      connection.party = { role: 'staff', id: result.staff.id };
      // The site snapshot follows the welcome at once (site/siteDesk.ts).
      const { resumed } = deps.switchboard.attachStaff(result.staff, connection, {
        greet: (session) =>
          connection.send(welcome(common, { role: 'staff', clientId: result.staff.id, siteId: result.staff.siteId, sessionToken: result.sessionToken, ...session })),
        ...resume,
      });
      deps.logger.info('staff authenticated', { connectionId: connection.id, personId: result.staff.id, siteId: result.staff.siteId, resumed });
      return 'accepted';
    }
    case 'admin': {
      // Administrators hold no live state: a command, its answer, sign-out (protocol/admin.ts).
      connection.party = { role: 'admin', id: result.admin.id };
      connection.send(welcome(common, { role: 'admin', clientId: result.admin.id, sessionToken: result.sessionToken }));
      deps.logger.info('admin authenticated', { connectionId: connection.id, personId: result.admin.id });
      return 'accepted';
    }
  }
}

/**
 * A welcome: what every role is told, then what this one is. Object.assign rather than
 * `{ ...common, role, … }`, which made every welcome old-generation garbage (the spread rule in
 * eslint.config.js, docs/decisions.md).
 */
function welcome(common: WelcomeCommon, own: Omit<Welcome, keyof WelcomeCommon>): Welcome {
  return Object.assign({}, common, own);
}

function clientIdOf(result: Authenticated): string {
  switch (result.role) {
    case 'kiosk':
      return result.kiosk.id;
    case 'agent':
    case 'interpreter':
      return result.agent.id;
    case 'staff':
      return result.staff.id;
    case 'admin':
      return result.admin.id;
  }
}
