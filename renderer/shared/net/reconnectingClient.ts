import type { ClientMessage, Credentials, ServerMessage } from '../../../protocol/index.js';
import { createLogger, type Logger } from '../log/logger.js';
import { connectSignaling, type SignalingClient, type WebSocketFactory } from './signalingClient.js';

/** First retry after this long; each next one doubles, up to the cap, with jitter. */
export const RECONNECT_INITIAL_DELAY_MS = 250;
export const RECONNECT_MAX_DELAY_MS = 5_000;
/** Matches the server's default resume grace: past it the session is gone anyway. */
export const RECONNECT_GIVE_UP_MS = 60_000;

/** Close codes after which trying again cannot help: refused, replaced, signed out, rate limited. */
const FINAL_CLOSE_CODES = new Set([4401, 4406, 4409, 4410, 4429]);

export interface ReconnectTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  /** 0 ≤ random() < 1, for the jitter. */
  random(): number;
}

const browserTimers: ReconnectTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
  random: () => Math.random(),
};

/** What happened to the connection, beyond the server's messages. */
export type ConnectionChange =
  | { kind: 'reconnecting' }
  | { kind: 'resumed' }
  /** The session is gone: resume refused, a final close, or no way back within the give-up time. */
  | { kind: 'lost' };

export interface ReconnectingClientOptions {
  url: string;
  credentials: Credentials;
  onMessage(message: ServerMessage): void;
  onConnectionChange(change: ConnectionChange): void;
  createSocket?: WebSocketFactory;
  timers?: ReconnectTimers;
  logger?: Logger;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so kiosks of one office do not retry in step. */
export function reconnectDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_INITIAL_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * The signaling connection as the machines need it: one session that survives a blip. A drop
 * after `welcome` is retried with backoff and a `hello` carrying the resume token; the machine
 * hears `reconnecting`, then `resumed` (the held messages follow as ordinary messages) or `lost`.
 * Messages sent while reconnecting wait for the resumed welcome.
 */
export function connectReconnecting(options: ReconnectingClientOptions): SignalingClient {
  const log = options.logger ?? createLogger('renderer.signaling');
  const timers = options.timers ?? browserTimers;
  let credentials = options.credentials;
  let resumeToken: string | undefined;
  let client: SignalingClient | undefined;
  let live = false;
  let stopped = false;
  let attempt = 0;
  let droppedAt = 0;
  let retryTimer: unknown;
  const waiting: ClientMessage[] = [];

  const lose = () => {
    if (stopped) return;
    stopped = true;
    client?.close();
    options.onConnectionChange({ kind: 'lost' });
  };

  const open = () => {
    const resuming = resumeToken !== undefined;
    client = connectSignaling({
      url: options.url,
      credentials,
      ...(resumeToken ? { resume: { token: resumeToken } } : {}),
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      logger: log,
      onMessage: (message) => {
        if (message.type === 'welcome') {
          if (message.resumeToken) resumeToken = message.resumeToken;
          // A person signs in once with the password; afterwards the session token does.
          if (credentials.role !== 'kiosk' && message.sessionToken) credentials = { role: credentials.role, sessionToken: message.sessionToken };
          if (resuming) {
            if (!message.resumed) {
              log.warn('the server did not resume the session');
              lose();
              return;
            }
            live = true;
            attempt = 0;
            options.onConnectionChange({ kind: 'resumed' });
            for (const queued of waiting.splice(0)) client?.send(queued);
            return;
          }
          live = true;
        }
        options.onMessage(message);
      },
      onDisconnect: ({ code }) => {
        live = false;
        if (stopped) return;
        if (FINAL_CLOSE_CODES.has(code) || resumeToken === undefined) {
          lose();
          return;
        }
        if (attempt === 0) {
          droppedAt = timers.now();
          options.onConnectionChange({ kind: 'reconnecting' });
        }
        if (timers.now() - droppedAt >= RECONNECT_GIVE_UP_MS) {
          lose();
          return;
        }
        const delay = reconnectDelayMs(attempt, timers.random());
        attempt += 1;
        log.info('connection dropped, retrying', { code, attempt, delayMs: delay });
        retryTimer = timers.setTimeout(() => {
          retryTimer = undefined;
          if (!stopped) open();
        }, delay);
      },
    });
  };
  open();

  return {
    send(message) {
      if (stopped) return;
      // Before the first welcome the inner client queues; while reconnecting, this layer does.
      if (live || resumeToken === undefined) client?.send(message);
      else waiting.push(message);
    },
    close() {
      if (stopped) return;
      stopped = true;
      if (retryTimer !== undefined) timers.clearTimeout(retryTimer);
      waiting.length = 0;
      client?.close();
    },
  };
}
