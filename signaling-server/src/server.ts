import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { Authenticator } from './auth/authenticator.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { CLOSE_CODES } from './closeCodes.js';
import type { ServerConfig } from './config.js';
import { ClientConnection } from './connection/clientConnection.js';
import { createMessagePipeline } from './connection/messagePipeline.js';
import { createHttpHandler } from './http/httpHandler.js';
import { createLogger, type Logger } from './logger.js';
import type { Store } from './store/store.js';
import { Switchboard } from './switchboard/switchboard.js';

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
  });
  const authenticator = new Authenticator(config, clock);
  const onFrame = createMessagePipeline({ authenticator, switchboard, config, logger: log.child('pipeline') });
  const connections = new Set<ClientConnection>();

  const httpServer = createHttpServer(
    createHttpHandler({ staticDir: config.staticDir, clock, startedAt, logger: log.child('http') }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  const connectionLog = log.child('connection');

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== WEBSOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    const connection = new ClientConnection(ws, connectionLog);
    connections.add(connection);
    connectionLog.debug('connection opened', { connectionId: connection.id });
    let helloTimer: TimerHandle | undefined = clock.setTimeout(() => {
      helloTimer = undefined;
      if (!connection.party) connection.close(CLOSE_CODES.helloTimeout, 'no hello received');
    }, HELLO_TIMEOUT_MS);

    ws.on('message', (data, isBinary) => {
      onFrame(connection, data, isBinary);
      if (connection.party && helloTimer !== undefined) {
        clock.clearTimeout(helloTimer);
        helloTimer = undefined;
      }
    });
    ws.on('pong', () => {
      connection.awaitingPong = false;
    });
    ws.on('error', (error) => connectionLog.debug('socket error', { connectionId: connection.id, error: error.message }));
    ws.on('close', (code) => {
      connections.delete(connection);
      if (helloTimer !== undefined) clock.clearTimeout(helloTimer);
      connectionLog.info('connection closed', { connectionId: connection.id, code, role: connection.party?.role });
      if (connection.party) {
        try {
          switchboard.partyLost(connection.party, connection);
        } catch (error) {
          connectionLog.error('cleanup after close failed', { connectionId: connection.id, error });
        }
      }
    });
  }

  // One beat for all sockets: a socket still owing the previous pong is dead, so it
  // is dropped between one and two intervals after it stopped answering.
  const heartbeat = clock.setInterval(() => {
    for (const connection of connections) {
      if (connection.awaitingPong) {
        connectionLog.info('heartbeat missed, terminating', { connectionId: connection.id });
        connection.terminate();
      } else {
        connection.ping();
      }
    }
  }, config.heartbeatIntervalMs);

  let closing: Promise<void> | undefined;

  return {
    listen(port, host = '127.0.0.1') {
      return new Promise((resolveListen, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address() as AddressInfo;
          const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
          const url = `http://${urlHost}:${address.port}`;
          log.info('listening', { port: address.port, host });
          resolveListen({ port: address.port, url });
        });
      });
    },
    close() {
      closing ??= (async () => {
        clock.clearInterval(heartbeat);
        switchboard.close();
        for (const connection of connections) connection.close(CLOSE_CODES.goingAway, 'server shutting down');
        const deadline = Date.now() + SHUTDOWN_GRACE_MS;
        while (wss.clients.size > 0 && Date.now() < deadline) await delay(10);
        for (const client of wss.clients) client.terminate();
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
  };
}
