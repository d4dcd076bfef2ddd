import {
  PROTOCOL_VERSION,
  parseServerFrame,
  type ClientMessage,
  type Credentials,
  type ResumeRequest,
  type ServerMessage,
} from '../../../protocol/index.js';
import { createLogger, type Logger } from '../log/logger.js';

/** The part of the browser WebSocket the client uses, so tests can hand in a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface SignalingClientOptions {
  url: string;
  credentials: Credentials;
  /** Asks in `hello` for the previous session back (queue place, call, held messages). */
  resume?: ResumeRequest;
  /** Called once per valid server message, in order. */
  onMessage(message: ServerMessage): void;
  /** Called once if the connection ends without `close()` having been called. */
  onDisconnect(info: { code: number; wasOpen: boolean }): void;
  createSocket?: WebSocketFactory;
  logger?: Logger;
}

export interface SignalingClient {
  /** Sends now if open, otherwise after `hello` once the socket opens. */
  send(message: ClientMessage): void;
  /** Closes on purpose: `onDisconnect` is not called. */
  close(): void;
}

const WS_OPEN = 1;
/** Normal closure (RFC 6455): we are leaving on purpose. */
const CLOSE_NORMAL = 1000;

const defaultSocketFactory: WebSocketFactory = (url) => new WebSocket(url) as unknown as WebSocketLike;

/** The serverUrl the page should use when served by the signaling server itself: same origin, path /ws. */
export function sameOriginSignalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/**
 * One WebSocket to the signaling server. It speaks first (`hello` with the credentials),
 * validates every frame it receives against the protocol and drops what does not parse:
 * the server is trusted to route, not to be well-formed.
 */
export function connectSignaling(options: SignalingClientOptions): SignalingClient {
  const log = options.logger ?? createLogger('renderer.signaling');
  const socket = (options.createSocket ?? defaultSocketFactory)(options.url);
  const pending: string[] = [];
  let open = false;
  let closedOnPurpose = false;
  let disconnected = false;

  const reportDisconnect = (code: number) => {
    if (closedOnPurpose || disconnected) return;
    disconnected = true;
    options.onDisconnect({ code, wasOpen: open });
  };

  socket.onopen = () => {
    open = true;
    socket.send(
      JSON.stringify({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        credentials: options.credentials,
        ...(options.resume ? { resume: options.resume } : {}),
      }),
    );
    for (const frame of pending.splice(0)) socket.send(frame);
  };
  socket.onmessage = (event) => {
    if (closedOnPurpose) return;
    if (typeof event.data !== 'string') {
      log.warn('dropped a non-text frame');
      return;
    }
    const parsed = parseServerFrame(event.data);
    if (!parsed.ok) {
      log.warn('dropped an invalid server frame', { code: parsed.code, detail: parsed.message });
      return;
    }
    options.onMessage(parsed.value);
  };
  socket.onclose = (event) => reportDisconnect(event.code);
  // An error is always followed by close; the close carries the code.
  socket.onerror = () => log.warn('websocket error');

  return {
    send(message) {
      if (closedOnPurpose || disconnected) return;
      const frame = JSON.stringify(message);
      if (open && socket.readyState === WS_OPEN) socket.send(frame);
      else pending.push(frame);
    },
    close() {
      if (closedOnPurpose) return;
      closedOnPurpose = true;
      pending.length = 0;
      socket.close(CLOSE_NORMAL, 'client leaving');
    },
  };
}
