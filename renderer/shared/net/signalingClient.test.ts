import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { PROTOCOL_VERSION, type ServerMessage } from '../../../protocol/index.js';
import { silentLogger } from '../log/logger.js';
import { createSignalingActor } from './signalingActor.js';
import { connectSignaling, sameOriginSignalingUrl, type WebSocketLike } from './signalingClient.js';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  closedWith: number | undefined;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(data: unknown) {
    this.onmessage?.({ data });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const credentials = { role: 'kiosk', kioskId: 'k-1', token: 'secret-token-1' } as const;
const welcome: ServerMessage = { type: 'welcome', protocol: 1, role: 'kiosk', clientId: 'c', iceServers: [], heartbeatIntervalMs: 1000 };

function connect() {
  const sockets: FakeSocket[] = [];
  const messages: ServerMessage[] = [];
  const disconnects: { code: number; wasOpen: boolean }[] = [];
  const client = connectSignaling({
    url: 'ws://example.test/ws',
    credentials,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    logger: silentLogger,
    onMessage: (m) => messages.push(m),
    onDisconnect: (info) => disconnects.push(info),
  });
  const socket = sockets[0];
  if (!socket) throw new Error('no socket');
  return { client, socket, messages, disconnects };
}

describe('signaling client', () => {
  it('says hello first, then sends what was queued before the socket opened', () => {
    const { client, socket } = connect();
    client.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent.map((f) => JSON.parse(f) as unknown)).toEqual([
      { type: 'hello', protocol: PROTOCOL_VERSION, credentials },
      { type: 'queue.join', serviceLine: 'passport', language: 'en' },
    ]);
  });

  it('delivers valid frames and drops invalid ones', () => {
    const { socket, messages } = connect();
    socket.open();
    socket.receive('not json');
    socket.receive(JSON.stringify({ type: 'surprise' }));
    socket.receive(JSON.stringify({ type: 'queue.status', position: -1 }));
    socket.receive(new ArrayBuffer(4));
    socket.receive('x'.repeat(70_000));
    socket.receive(JSON.stringify(welcome));
    expect(messages).toEqual([welcome]);
  });

  it('reports an unexpected close once, and not a close it asked for', () => {
    const a = connect();
    a.socket.open();
    a.socket.drop(1006);
    a.socket.drop(1006);
    expect(a.disconnects).toEqual([{ code: 1006, wasOpen: true }]);

    const b = connect();
    b.socket.open();
    b.client.close();
    b.socket.drop(1000);
    expect(b.socket.closedWith).toBe(1000);
    expect(b.disconnects).toEqual([]);
  });

  it('derives the same-origin WebSocket URL', () => {
    expect(sameOriginSignalingUrl({ protocol: 'https:', host: 'kiosk.example.ca' })).toBe('wss://kiosk.example.ca/ws');
    expect(sameOriginSignalingUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws');
  });
});

describe('signaling actor', () => {
  it('turns frames into server.* events and closes the socket when its state is left', async () => {
    const sockets: FakeSocket[] = [];
    const received: string[] = [];
    const machine = setup({
      actors: {
        signaling: createSignalingActor<undefined>({
          resolveEndpoint: async () => ({ url: 'ws://x/ws', credentials }),
          createSocket: (url) => {
            const socket = new FakeSocket(url);
            sockets.push(socket);
            return socket;
          },
          logger: silentLogger,
        }),
      },
    }).createMachine({
      initial: 'on',
      states: {
        on: {
          invoke: { src: 'signaling' },
          on: {
            '*': { actions: ({ event }) => received.push(event.type) },
            stop: 'off',
          },
        },
        off: {},
      },
    });
    const actor = createActor(machine).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const socket = sockets[0];
    if (!socket) throw new Error('no socket');
    socket.open();
    socket.receive(JSON.stringify(welcome));
    socket.receive(JSON.stringify({ type: 'call.ended', callId: 'c-1', reason: 'agent-ended' }));
    expect(received).toEqual(['server.welcome', 'server.call.ended']);
    actor.send({ type: 'stop' });
    expect(socket.closedWith).toBe(1000);
  });
});
