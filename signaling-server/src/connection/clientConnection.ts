import { WebSocket, type RawData } from 'ws';
import { ERROR_MESSAGES, type ErrorCode, type ServerMessage } from '../../../protocol/index.js';
import type { TimerHandle } from '../clock.js';
import type { Beating } from './heartbeat.js';
import type { ConnectionRateLimiter } from '../security/connectionRateLimiter.js';
import type { Outbox, Party } from '../switchboard/switchboard.js';

/** Connections opened by this process so far: the source of each connection's `serial`. */
let connectionsOpened = 0;

/** One WebSocket client: its identity once authenticated, its heartbeat flag, its outbox. */
export class ClientConnection implements Outbox, Beating {
  /** This process's number for the connection. A number rather than a random string: 60 bytes less per connection. */
  private readonly serial = ++connectionsOpened;
  /** Set by a successful hello; undefined means only hello is allowed. */
  party: Party | undefined;
  /** True between a ping and its pong; still true at the next beat means the peer is dead. */
  awaitingPong = false;
  /** Set by every frame received; the heartbeat skips the ping of a connection it heard from. */
  heardFrom = false;
  /** The heartbeat slice this connection is pinged in (connection/heartbeat.ts). */
  heartbeatSlice = 0;
  /** Set once the server hangs up: later frames (already in flight) are ignored, not acted on. */
  closing = false;
  /** Closes the connection if no hello succeeds in time; cleared by the first successful hello. */
  helloTimer: TimerHandle | undefined = undefined;
  /** Set while the hello's password is checked: the frames that come meanwhile, handled once it is done (messagePipeline). */
  heldFrames: { data: RawData; isBinary: boolean }[] | undefined = undefined;

  constructor(
    private readonly socket: WebSocket,
    /** The peer's address (or the proxy's forwarded one): the key for per-address limits. */
    readonly remoteAddress = 'unknown',
    /** Absent in tests that do not exercise limits: every frame is then accepted. */
    readonly rateLimiter?: ConnectionRateLimiter,
  ) {}

  /** The connection's name in log lines, which are its only use: never sent to a client. */
  get id(): string {
    return `conn_${this.serial}`;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(message: ServerMessage): void {
    if (!this.isOpen) return;
    // No per-send callback: a closure per frame kept each message alive until its write finished
    // (garbage that outlived young collections under load; docs/performance.md). A failed write
    // closes the socket, and the close is handled like any other.
    this.socket.send(JSON.stringify(message));
  }

  sendError(code: ErrorCode, message: string = ERROR_MESSAGES[code], inReplyTo?: string): void {
    this.send({ type: 'error', code, message, ...(inReplyTo ? { inReplyTo: inReplyTo.slice(0, 64) } : {}) });
  }

  close(code: number, reason: string): void {
    this.closing = true;
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  ping(): void {
    this.awaitingPong = true;
    this.socket.ping();
  }

  terminate(): void {
    this.socket.terminate();
  }
}
