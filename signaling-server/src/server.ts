import { iceSettingsFor } from './turn/turnCredentials.js';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer, type RawData } from 'ws';
import { Authenticator } from './auth/authenticator.js';
import { LoginLockout } from './auth/loginLockout.js';
import { systemClock, type Clock } from './clock.js';
import { CLOSE_CODES } from './closeCodes.js';
import type { ServerConfig } from './config.js';
import { ClientConnection } from './connection/clientConnection.js';
import { createMessagePipeline } from './connection/messagePipeline.js';
import { Heartbeat } from './connection/heartbeat.js';
import { socketClassFor, type ServerSocket } from './connection/serverSocket.js';
import { createHttpHandler } from './http/httpHandler.js';
import { createEnrolRoute } from './http/enrolRoute.js';
import { createKioskReportRoute } from './http/kioskReportRoute.js';
import { setUpEnrolment } from './enrolment/setUpEnrolment.js';
import { setUpSiteStaff } from './site/setUpSiteStaff.js';
import { ENROL_PATH, KIOSK_REPORT_PATH } from '../../protocol/index.js';
import { createLogger, type Logger } from './logger.js';
import { AddressGuard } from './security/addressGuard.js';
import { clientAddress } from './security/clientAddress.js';
import { ConnectionRateLimiter } from './security/connectionRateLimiter.js';
import { createHelloGuard } from './security/helloGuard.js';
import { isOriginAllowed } from './security/originCheck.js';
import { resolveSecurityConfig, type SecurityConfig } from './security/securityConfig.js';
import type { Store } from './store/store.js';
import { kiosksRevokedBy } from './auth/kioskRevocation.js';
import { resolveRetentionConfig } from './retention/retentionConfig.js';
import { createRetentionJob } from './retention/retentionJob.js';
import { retentionRules } from './retention/retentionRules.js';
import { Switchboard } from './switchboard/switchboard.js';
import type { KioskDeviceStatus } from './devices/deviceStatusStore.js';
import { resolveRoutingConfig } from './queue/routingConfig.js';
import { resolveCallbacksConfig } from './callbacks/callbacksConfig.js';
import { setUpCallbacks } from './callbacks/setUpCallbacks.js';

export const WEBSOCKET_PATH = '/ws';
/**
 * ws refuses (close 1009) frames above this. It is well above MAX_FRAME_BYTES on purpose:
 * a frame between the two is read and answered with a coded FRAME_TOO_LARGE error.
 */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
/** A connection that has not said hello by then is closed: idle sockets cost memory. */
export const HELLO_TIMEOUT_MS = 15_000;
/** How long close() waits for clients to acknowledge the close frame before cutting them. */
const SHUTDOWN_GRACE_MS = 500;
/** Close codes of a client that closed on purpose (RFC 6455): normal, and a clean close without a code. */
const CLOSE_NORMAL = 1000;
const CLOSE_NO_STATUS = 1005;

export interface CreateServerOptions {
  config: ServerConfig;
  store: Store;
  clock?: Clock;
  logger?: Logger;
}

export interface KioskServer {
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Closes every connection and the listener. The store belongs to the caller and stays open. */
  close(): Promise<void>;
  /** Cuts a lost or stolen kiosk off now: its open connection is closed 4401 and its hellos refused. */
  revokeKiosk(kioskId: string): void;
  /** Applies the revocations of a re-read config (SIGHUP): kiosks marked `revoked` or removed. Returns their ids. */
  applyKioskRevocations(next: Pick<ServerConfig, 'kiosks'>): string[];
  /** A kiosk's latest camera/microphone/speaker check, for the staff console; undefined before its first report. */
  deviceStatusOf(kioskId: string): KioskDeviceStatus | undefined;
}

/** The one wiring point: HTTP (health, renderer files) and the WebSocket endpoint on one port. */
export function createServer({ config, store, clock = systemClock, logger }: CreateServerOptions): KioskServer {
  const log = logger ?? createLogger('server');
  const startedAt = clock.now();
  const switchboard = new Switchboard({
    clock,
    store,
    logger: log.child('switchboard'),
    offerTimeoutMs: config.offerTimeoutMs,
    resumeGraceMs: config.resumeGraceMs,
    routing: resolveRoutingConfig(config.routing),
    iceSettingsFor: (clientId) => iceSettingsFor(config, clientId, clock.now()),
  });
  // Tickets and calls persisted by a previous process (killed or restarted) come back, each with its grace period.
  switchboard.restore(config);
  const callbackSettings = resolveCallbacksConfig(config.callbacks);
  // Whether a callback is offered is routing's threshold (`routing.callbackOfferAboveMs`); the desk says whether callbacks exist.
  switchboard.useCallbackDesk(setUpCallbacks({ config: callbackSettings, store, clock, logger: log.child('callbacks'), env: process.env }));
  // Agents see the queues they serve; supervisors every line and agent (overview/).
  switchboard.useQueueOverview();
  const authenticator = new Authenticator(config, clock, store.enrolment, store.sessionTokens);
  // Site staff see their own site's kiosks and help requests (site/); administrators revoke and enrol (enrolment/).
  setUpSiteStaff(switchboard, config, store, log.child('site'));
  const enrolment = setUpEnrolment({
    config,
    store,
    authenticator,
    switchboard,
    clock,
    logger: log.child('enrolment'),
    env: process.env,
    disconnectKiosk: (kioskId) => closeKioskConnections(kioskId),
  });
  const security = resolveSecurityConfig(config.security);
  const secure = security.tls !== undefined;
  const addresses = new AddressGuard(clock, security.rateLimits);
  const helloGuard = createHelloGuard({ lockout: new LoginLockout(clock), addresses, logger: log.child('auth') });
  const onFrame = createMessagePipeline({ authenticator, switchboard, config, clock, helloGuard, logger: log.child('pipeline') });
  const connections = new Set<ClientConnection>();
  const retentionSettings = resolveRetentionConfig(config.retention);
  const retention = createRetentionJob({
    rules: retentionRules(store, retentionSettings, { callbackDays: callbackSettings.retentionDays }),
    intervalMs: retentionSettings.intervalMs,
    clock,
    logger: log.child('retention'),
  });
  retention.start();

  const apiRoutes = new Map([
    [ENROL_PATH, createEnrolRoute({ enrolment, addresses, trustForwardedFor: security.trustForwardedFor, logger: log.child('enrolment') })],
    [KIOSK_REPORT_PATH, createKioskReportRoute({ reports: store.kioskReports, authenticator, addresses, trustForwardedFor: security.trustForwardedFor, clock, logger: log.child('kioskReports'), onReport: (kioskId, kind) => switchboard.site().kioskReported(kioskId, kind) })],
  ]);
  const handleHttp = createHttpHandler({ staticDir: config.staticDir, clock, startedAt, logger: log.child('http'), secure, apiRoutes });
  const httpServer = security.tls ? createHttpsServer(readTls(security.tls), handleHttp) : createHttpServer(handleHttp);
  // The server's own `connections` set tracks the sockets, so ws keeps no second one (clientTracking).
  // Per-message compression stays off (the ws default): it would cost CPU and a zlib context per socket.
  const wss = new WebSocketServer<typeof ServerSocket>({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    clientTracking: false,
    perMessageDeflate: false,
    WebSocket: socketClassFor({ message: onSocketMessage, pong: onSocketPong, error: onSocketError, close: onSocketClose }),
  });
  const connectionLog = log.child('connection');
  // A socket still owing the previous pong is dead: it is dropped between one and two intervals
  // after it stopped answering. The pings are spread over the interval, and a socket that sent a
  // frame since its last beat is not pinged (connection/heartbeat.ts).
  const heartbeat = new Heartbeat<ClientConnection>(clock, config.heartbeatIntervalMs, (connection) =>
    connectionLog.info('heartbeat missed, terminating', { connectionId: connection.id }),
  );

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== WEBSOCKET_PATH) {
      refuseUpgrade(socket, '404 Not Found');
      return;
    }
    if (!isOriginAllowed(req.headers.origin, req.headers.host, secure, security.allowedOrigins)) {
      connectionLog.warn('upgrade refused: foreign origin', { origin: req.headers.origin?.slice(0, 100) });
      refuseUpgrade(socket, '403 Forbidden');
      return;
    }
    const address = clientAddress(req, security.trustForwardedFor);
    const admission = addresses.admitConnection(address);
    if (!admission.ok) {
      connectionLog.warn('upgrade refused: too many connections from one address', { reason: admission.reason });
      refuseUpgrade(socket, '429 Too Many Requests', `Retry-After: ${Math.max(1, Math.ceil(admission.retryAfterMs / 1000))}\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, address));
  });

  function onConnection(ws: ServerSocket, address: string): void {
    const connection = new ClientConnection(ws, address, new ConnectionRateLimiter(clock, security.rateLimits));
    ws.connection = connection;
    connections.add(connection);
    heartbeat.add(connection);
    addresses.connectionOpened(address);
    connectionLog.debug('connection opened', { connectionId: connection.id });
    connection.helloTimer = clock.setTimeout(() => {
      connection.helloTimer = undefined;
      if (!connection.party) connection.close(CLOSE_CODES.helloTimeout, 'no hello received');
    }, HELLO_TIMEOUT_MS);
  }

  // One set of handlers for every socket, called by its socket class (connection/serverSocket.ts).
  function onSocketMessage(connection: ClientConnection, data: RawData, isBinary: boolean): void {
    connection.heardFrom = true;
    onFrame(connection, data, isBinary);
    if (connection.party && connection.helloTimer !== undefined) {
      clock.clearTimeout(connection.helloTimer);
      connection.helloTimer = undefined;
    }
  }

  function onSocketPong(connection: ClientConnection): void {
    connection.awaitingPong = false;
  }

  function onSocketError(connection: ClientConnection, error: Error): void {
    connectionLog.debug('socket error', { connectionId: connection.id, error: error.message });
  }

  function onSocketClose(connection: ClientConnection, code: number): void {
    connections.delete(connection);
    heartbeat.remove(connection);
    addresses.connectionClosed(connection.remoteAddress);
    if (connection.helloTimer !== undefined) clock.clearTimeout(connection.helloTimer);
    connectionLog.info('connection closed', { connectionId: connection.id, code, role: connection.party?.role });
    if (connection.party) {
      try {
        // A drop (network, missed heartbeat) gets the resume grace; a goodbye or a server hang-up does not.
        const deliberate = connection.closing || code === CLOSE_NORMAL || code === CLOSE_NO_STATUS;
        switchboard.partyLost(connection.party, connection, { deliberate });
      } catch (error) {
        connectionLog.error('cleanup after close failed', { connectionId: connection.id, error });
      }
    }
  }

  let closing: Promise<void> | undefined;
  /** A revoked kiosk's open connection is closed 4401 now: revocation must not wait for it to reconnect. */
  function closeKioskConnections(kioskId: string): number {
    let closed = 0;
    for (const connection of connections) {
      if (connection.party?.role === 'kiosk' && connection.party.id === kioskId) {
        connection.close(CLOSE_CODES.authFailed, 'kiosk revoked');
        closed += 1;
      }
    }
    return closed;
  }
  const revokeKiosk = (kioskId: string) => {
    authenticator.revokeKiosk(kioskId);
    log.warn('kiosk revoked', { kioskId, closedConnections: closeKioskConnections(kioskId) });
  };

  return {
    listen(port, host = '127.0.0.1') {
      return new Promise((resolveListen, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address() as AddressInfo;
          const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
          const url = `${secure ? 'https' : 'http'}://${urlHost}:${address.port}`;
          log.info('listening', { port: address.port, host });
          resolveListen({ port: address.port, url });
        });
      });
    },
    close() {
      closing ??= (async () => {
        heartbeat.stop();
        retention.stop();
        switchboard.close();
        for (const connection of connections) connection.close(CLOSE_CODES.goingAway, 'server shutting down');
        const deadline = Date.now() + SHUTDOWN_GRACE_MS;
        while (connections.size > 0 && Date.now() < deadline) await delay(10);
        for (const connection of connections) connection.terminate();
        await new Promise<void>((done) => wss.close(() => done()));
        await new Promise<void>((done) => {
          if (!httpServer.listening) return done();
          httpServer.close(() => done());
          httpServer.closeAllConnections();
        });
        log.info('closed');
      })();
      return closing;
    },
    revokeKiosk,
    applyKioskRevocations(next) {
      const ids = kiosksRevokedBy(next, config).filter((id) => !authenticator.isKioskRevoked(id));
      for (const id of ids) revokeKiosk(id);
      return ids;
    },
    deviceStatusOf: (kioskId) => switchboard.deviceStatusOf(kioskId),
  };
}

/** Answers an upgrade request with a plain HTTP status and hangs up (no WebSocket is opened). */
function refuseUpgrade(socket: Duplex, status: string, extraHeaders = ''): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${extraHeaders}Content-Length: 0\r\n\r\n`);
}

function readTls(tls: NonNullable<SecurityConfig['tls']>): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
  } catch (error) {
    throw new Error(`Cannot read the TLS certificate or key: ${(error as Error).message}`, { cause: error });
  }
}
