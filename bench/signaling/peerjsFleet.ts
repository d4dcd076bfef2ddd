import { WebSocket } from 'ws';
import { createPairedFleet, type Endpoint, type Fleet, type Probe, type ProbeSink } from './fleet.js';

const CONNECT_TIMEOUT_MS = 15_000;
const PEERJS_KEY = 'peerjs';
/** The PeerJS browser client sends `{"type":"HEARTBEAT"}` this often (its `pingInterval` default), whatever else it sends. */
export const PEERJS_HEARTBEAT_INTERVAL_MS = 5_000;
/** The fleet's heartbeats go out from one timer, a slice of the clients per tick, spread like real clients' would be. */
const HEARTBEAT_TICK_MS = 100;
const HEARTBEAT_SLICES = PEERJS_HEARTBEAT_INTERVAL_MS / HEARTBEAT_TICK_MS;
const HEARTBEAT = JSON.stringify({ type: 'HEARTBEAT' });

interface PeerJsMessage {
  type: string;
  src?: string;
  dst?: string;
  payload?: unknown;
}

/**
 * PeerJS server clients, paired by id: each relays an OFFER (PeerJS's signaling envelope)
 * to its partner, which is what a PeerJS browser client does during call setup.
 * PeerJS has no accounts and no call sessions, so "authenticated" means its OPEN answer.
 * Like the PeerJS browser client, each sends a HEARTBEAT every 5 s once open: that is how a
 * PeerJS server knows a client is alive (our clients answer the server's pings instead).
 */
export function createPeerJsFleet(url: string, sink: ProbeSink): Fleet {
  const sockets: WebSocket[] = [];
  const endpoints: Endpoint[] = [];
  let errors = 0;
  let closing = false;
  /** Sockets that got their OPEN, in order: the heartbeat's slices index into it. */
  const open: WebSocket[] = [];
  let tick = 0;
  const heartbeats = setInterval(() => {
    for (let i = tick % HEARTBEAT_SLICES; i < open.length; i += HEARTBEAT_SLICES) open[i]!.send(HEARTBEAT);
    tick += 1;
  }, HEARTBEAT_TICK_MS);

  function connect(id: string, partnerId: string, timeoutMs: number): Promise<Endpoint> {
    return new Promise((resolve, reject) => {
      const query = new URLSearchParams({ key: PEERJS_KEY, id, token: `token-${id}` });
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/peerjs?${query}`, { perMessageDeflate: false });
      sockets.push(ws);
      const timer = setTimeout(() => reject(new Error('no OPEN in time')), Math.min(timeoutMs, CONNECT_TIMEOUT_MS));
      ws.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as PeerJsMessage;
        if (message.type === 'OFFER') {
          sink.received(message.payload as Probe);
        } else if (message.type === 'OPEN') {
          clearTimeout(timer);
          open.push(ws);
          resolve({ sendProbe: (probe) => ws.send(JSON.stringify({ type: 'OFFER', dst: partnerId, payload: probe })) });
        } else if (message.type === 'ERROR' || message.type === 'ID-TAKEN' || message.type === 'LEAVE' || message.type === 'EXPIRE') {
          errors += 1;
        }
      });
      ws.on('close', () => {
        if (!closing) errors += 1;
      });
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  async function addPair(index: number, timeoutMs: number): Promise<void> {
    const a = `bench-a-${index}`;
    const b = `bench-b-${index}`;
    const [ea, eb] = await Promise.all([connect(a, b, timeoutMs), connect(b, a, timeoutMs)]);
    endpoints.push(ea, eb);
  }

  return createPairedFleet({
    endpoints,
    addPair,
    errorCount: () => errors,
    onPairFailed() {
      errors += 1;
    },
    close() {
      closing = true;
      clearInterval(heartbeats);
      for (const ws of sockets) ws.terminate();
    },
  });
}
