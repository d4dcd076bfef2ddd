import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '../../protocol/index.js';
import { WEBSOCKET_PATH } from '../../signaling-server/src/index.js';
import { agentUsername, BENCH_AGENT_PASSWORD, kioskId, kioskToken } from '../lib/identities.js';
import { createPairedFleet, type Endpoint, type Fleet, type Probe, type ProbeSink } from './fleet.js';

/** Every bench visitor queues here; the probe agent of the routing bench does not serve it. */
const BENCH_QUEUE = { serviceLine: 'benefits', language: 'en' } as const;
const CONNECT_TIMEOUT_MS = 15_000;

type Listener = (message: ServerMessage) => void;

/** One kiosk or agent socket speaking the real protocol. */
export class OurClient implements Endpoint {
  callId: string | undefined;
  private readonly listeners = new Set<Listener>();
  private closing = false;

  private constructor(
    readonly ws: WebSocket,
    private readonly onError: () => void,
    sink: ProbeSink | undefined,
  ) {
    ws.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as ServerMessage;
      if (message.type === 'signal') {
        sink?.received(message.data as unknown as Probe);
        return;
      }
      if (message.type === 'error') onError();
      if (message.type === 'call.start') this.callId = message.callId;
      for (const listener of this.listeners) listener(message);
    });
    ws.on('close', () => {
      if (!this.closing) onError();
    });
    ws.on('error', () => undefined);
  }

  static connect(url: string, onError: () => void, sink?: ProbeSink): Promise<OurClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${WEBSOCKET_PATH}`, { perMessageDeflate: false });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('connect timed out'));
      }, CONNECT_TIMEOUT_MS);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new OurClient(ws, onError, sink));
      });
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The next message of that type (bounded wait). */
  next<T extends ServerMessage['type']>(type: T, timeoutMs: number, match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const listener: Listener = (message) => {
        if (message.type !== type || !match(message as Extract<ServerMessage, { type: T }>)) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  on(listener: Listener): void {
    this.listeners.add(listener);
  }

  async helloKiosk(index: number | { id: string; token: string }, timeoutMs: number): Promise<void> {
    const credentials =
      typeof index === 'number' ? { role: 'kiosk', kioskId: kioskId(index), token: kioskToken(index) } : { role: 'kiosk', kioskId: index.id, token: index.token };
    const welcome = this.next('welcome', timeoutMs);
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials });
    await welcome;
  }

  async helloAgent(username: string, timeoutMs: number): Promise<void> {
    const away = this.next('presence.status', timeoutMs);
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', username, password: BENCH_AGENT_PASSWORD } });
    await away;
  }

  /** Accepts every offer it gets, as a keen agent would. */
  acceptEveryOffer(): void {
    this.on((message) => {
      if (message.type === 'call.offer') this.send({ type: 'call.accept', offerId: message.offerId });
    });
  }

  sendProbe(probe: Probe): void {
    this.ws.send(JSON.stringify({ type: 'signal', callId: this.callId, data: probe }));
  }

  close(): void {
    this.closing = true;
    this.ws.terminate();
  }
}

/**
 * Kiosks and agents in call sessions on our server, formed through the real path:
 * agent hello (password) → presence available; kiosk hello → queue.join; the agent
 * that gets the offer accepts; both get call.start and then relay `signal` messages.
 */
export function createOurFleet(url: string, sink: ProbeSink): Fleet {
  const clients: OurClient[] = [];
  const endpoints: OurClient[] = [];
  let errors = 0;
  const onError = () => {
    errors += 1;
  };

  async function addPair(index: number, timeoutMs: number): Promise<void> {
    const agent = await OurClient.connect(url, onError, sink);
    clients.push(agent);
    agent.acceptEveryOffer();
    await agent.helloAgent(agentUsername(index), timeoutMs);
    const kiosk = await OurClient.connect(url, onError, sink);
    clients.push(kiosk);
    await kiosk.helloKiosk(index, timeoutMs);
    const agentInCall = agent.next('call.start', timeoutMs);
    const kioskInCall = kiosk.next('call.start', timeoutMs);
    agent.send({ type: 'presence.set', status: 'available' });
    kiosk.send({ type: 'queue.join', ...BENCH_QUEUE });
    // The offer may go to another agent of the same batch; every agent accepts, so all pair up.
    await Promise.all([agentInCall, kioskInCall]);
    endpoints.push(agent, kiosk);
  }

  return createPairedFleet({
    endpoints,
    addPair,
    errorCount: () => errors,
    onPairFailed(error) {
      // BENCH_DEBUG=1 tells why a pair failed (a refused upgrade, a missing welcome…).
      if (process.env.BENCH_DEBUG) console.error(error);
      errors += 1;
    },
    close() {
      for (const client of clients) client.close();
    },
  });
}
