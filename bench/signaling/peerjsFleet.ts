import { WebSocket } from 'ws';
import { createPairedFleet, type Endpoint, type Fleet, type Probe, type ProbeSink } from './fleet.js';

const CONNECT_TIMEOUT_MS = 15_000;
const PEERJS_KEY = 'peerjs';

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
 */
export function createPeerJsFleet(url: string, sink: ProbeSink): Fleet {
  const sockets: WebSocket[] = [];
  const endpoints: Endpoint[] = [];
  let errors = 0;
  let closing = false;

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
      for (const ws of sockets) ws.terminate();
    },
  });
}
