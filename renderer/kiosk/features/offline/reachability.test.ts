import { describe, expect, it } from 'vitest';
import { createServiceProbe, healthUrlOf, type ProbeSocket } from './reachability.js';

/** A socket the test opens, fails or leaves hanging. */
function fakeSocket() {
  const socket: ProbeSocket & { closedWith: number | undefined | 'not closed' } = {
    onopen: null,
    onerror: null,
    onclose: null,
    closedWith: 'not closed',
    close(code?: number) {
      socket.closedWith = code;
    },
  };
  return socket;
}
const fire = (handler: ((event: never) => void) | null) => handler?.(undefined as never);

describe('reachability probe', () => {
  it('derives the health address from the WebSocket address: wss → https, ws → http, path dropped', () => {
    expect(healthUrlOf('wss://signal.example.ca/ws')).toBe('https://signal.example.ca/healthz');
    expect(healthUrlOf('ws://127.0.0.1:4000/ws')).toBe('http://127.0.0.1:4000/healthz');
  });

  it('same origin (browser mode): GET /healthz without cache; a non-2xx or a network error is unreachable', async () => {
    const requests: { url: string; cache: string }[] = [];
    let answer: () => Promise<{ ok: boolean; status: number }> = async () => ({ ok: true, status: 200 });
    const probe = createServiceProbe({
      serverUrl: async () => 'ws://127.0.0.1:4000/ws',
      pageOrigin: 'http://127.0.0.1:4000',
      fetch: (url, init) => {
        requests.push({ url, cache: init.cache });
        return answer();
      },
      open: () => {
        throw new Error('no socket expected in browser mode');
      },
    });
    await expect(probe(new AbortController().signal)).resolves.toBeUndefined();
    expect(requests).toEqual([{ url: 'http://127.0.0.1:4000/healthz', cache: 'no-store' }]);
    answer = async () => ({ ok: false, status: 503 });
    await expect(probe(new AbortController().signal)).rejects.toMatchObject({ name: 'ServiceUnreachableError', reason: 'status 503' });
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(probe(new AbortController().signal)).rejects.toMatchObject({ name: 'ServiceUnreachableError' });
  });

  it('another origin (Electron app://): opens a socket and closes it as soon as it opens', async () => {
    const sockets: ReturnType<typeof fakeSocket>[] = [];
    const probe = createServiceProbe({
      serverUrl: async () => 'wss://signal.example.ca/ws',
      pageOrigin: 'app://kiosk',
      fetch: () => Promise.reject(new Error('no fetch expected in Electron')),
      open: (url) => {
        expect(url).toBe('wss://signal.example.ca/ws');
        const socket = fakeSocket();
        sockets.push(socket);
        return socket;
      },
    });
    const up = probe(new AbortController().signal);
    await Promise.resolve();
    await Promise.resolve();
    fire(sockets[0]!.onopen);
    await expect(up).resolves.toBeUndefined();
    expect(sockets[0]!.closedWith).toBe(1000);

    const refused = probe(new AbortController().signal);
    await Promise.resolve();
    await Promise.resolve();
    fire(sockets[1]!.onerror);
    await expect(refused).rejects.toMatchObject({ reason: 'socket refused' });

    const controller = new AbortController();
    const hanging = probe(controller.signal);
    await Promise.resolve();
    await Promise.resolve();
    controller.abort();
    await expect(hanging).rejects.toMatchObject({ reason: 'timed out' });
    expect(sockets[2]!.closedWith).toBeUndefined();
  });
});
