import { WebSocket, type ClientOptions } from 'ws';
import { PROTOCOL_VERSION, type Credentials, type ServerMessage } from '../../../protocol/index.js';

export const DEFAULT_WAIT_MS = 2_000;

type Predicate = (message: ServerMessage) => boolean;

/**
 * A real `ws` client for tests: keeps every message it receives and lets a test
 * await the next one of a type, always with a bounded wait.
 */
export class TestClient {
  private readonly inbox: ServerMessage[] = [];
  private readonly waiters: { predicate: Predicate; resolve: (m: ServerMessage) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      const waiterIndex = this.waiters.findIndex((w) => w.predicate(message));
      const waiter = this.waiters[waiterIndex];
      if (waiter) {
        this.waiters.splice(waiterIndex, 1);
        waiter.resolve(message);
      } else {
        this.inbox.push(message);
      }
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static connect(url: string, options?: ClientOptions): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      const client = new TestClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /**
   * Connects and says hello with `credentials`, resuming the session `resumeToken` belongs to when
   * given; resolves with the client and its `welcome` (bounded by `timeoutMs`).
   */
  static async signIn(
    wsUrl: string,
    credentials: Credentials,
    options: { resumeToken?: string | undefined; timeoutMs?: number; clients?: TestClient[] } = {},
  ): Promise<{ client: TestClient; welcome: Extract<ServerMessage, { type: 'welcome' }> }> {
    const client = await TestClient.connect(wsUrl);
    options.clients?.push(client);
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials, ...(options.resumeToken ? { resume: { token: options.resumeToken } } : {}) });
    return { client, welcome: await client.next('welcome', options.timeoutMs) };
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next (oldest unread) message of that type, waiting at most `timeoutMs`. */
  next<T extends ServerMessage['type']>(type: T, timeoutMs = DEFAULT_WAIT_MS): Promise<Extract<ServerMessage, { type: T }>> {
    return this.nextMatching((m) => m.type === type, timeoutMs, type) as Promise<Extract<ServerMessage, { type: T }>>;
  }

  nextMatching(predicate: Predicate, timeoutMs = DEFAULT_WAIT_MS, label = 'matching message'): Promise<ServerMessage> {
    const index = this.inbox.findIndex(predicate);
    if (index !== -1) return Promise.resolve(this.inbox.splice(index, 1)[0] as ServerMessage);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (message: ServerMessage) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}; unread: ${JSON.stringify(this.inbox)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Unread messages (optionally of one type), without consuming them. */
  unread(type?: ServerMessage['type']): ServerMessage[] {
    return this.inbox.filter((m) => type === undefined || m.type === type);
  }

  close(): void {
    this.socket.close();
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
