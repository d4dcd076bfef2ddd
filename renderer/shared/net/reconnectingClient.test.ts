import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../protocol/index.js';
import { silentLogger } from '../log/logger.js';
import {
  connectReconnecting,
  reconnectDelayMs,
  RECONNECT_GIVE_UP_MS,
  RECONNECT_MAX_DELAY_MS,
  type ConnectionChange,
  type ReconnectTimers,
} from './reconnectingClient.js';
import type { WebSocketLike } from './signalingClient.js';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

class FakeTimers implements ReconnectTimers {
  time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  now() {
    return this.time;
  }
  random() {
    return 0.5;
  }
  advance(ms: number) {
    this.time += ms;
    for (const due of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== due);
      due.fn();
    }
  }
}

const welcome = (resumeToken: string, resumed?: boolean): ServerMessage => ({
  type: 'welcome',
  protocol: 1,
  role: 'kiosk',
  clientId: 'k-1',
  iceServers: [],
  heartbeatIntervalMs: 1000,
  resumeToken,
  ...(resumed === undefined ? {} : { resumed }),
});

function setup() {
  const sockets: FakeSocket[] = [];
  const messages: ServerMessage[] = [];
  const changes: ConnectionChange['kind'][] = [];
  const timers = new FakeTimers();
  const client = connectReconnecting({
    url: 'ws://x/ws',
    credentials: { role: 'kiosk', kioskId: 'k-1', token: 'secret-token-1' },
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    timers,
    logger: silentLogger,
    onMessage: (m) => messages.push(m),
    onConnectionChange: (c) => changes.push(c.kind),
  });
  const latest = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { client, sockets, messages, changes, timers, latest };
}

describe('reconnecting signaling client', () => {
  it('backs off exponentially with jitter, bounded', () => {
    expect(reconnectDelayMs(0, 0)).toBe(125);
    expect(reconnectDelayMs(0, 0.999)).toBeLessThanOrEqual(250);
    expect(reconnectDelayMs(1, 0)).toBe(250);
    expect(reconnectDelayMs(20, 1)).toBe(RECONNECT_MAX_DELAY_MS);
  });

  it('after a drop, retries with the resume token, holds sends, and resumes without a second welcome event', () => {
    const c = setup();
    c.latest().open();
    c.latest().receive(welcome('token-aaaaaaaa1'));
    c.latest().drop();
    expect(c.changes).toEqual(['reconnecting']);
    c.client.send({ type: 'queue.leave' });

    // The first retry fails to open; the second gets through.
    c.timers.advance(reconnectDelayMs(0, 0.5));
    expect(c.sockets).toHaveLength(2);
    c.latest().drop();
    c.timers.advance(reconnectDelayMs(1, 0.5));
    expect(c.sockets).toHaveLength(3);
    c.latest().open();
    expect(c.latest().sent[0]).toMatchObject({ type: 'hello', resume: { token: 'token-aaaaaaaa1' } });
    expect(c.latest().sent).toHaveLength(1); // the held send waits for the resumed welcome
    c.latest().receive(welcome('token-bbbbbbbb2', true));
    c.latest().receive({ type: 'queue.status', ticketId: 't-1', serviceLine: 'pensions', language: 'en', position: 1, waitedMs: 5 });
    expect(c.changes).toEqual(['reconnecting', 'resumed']);
    expect(c.messages.map((m) => m.type)).toEqual(['welcome', 'queue.status']);
    expect(c.latest().sent[1]).toEqual({ type: 'queue.leave' });

    // The next blip resumes with the newest token.
    c.latest().drop();
    c.timers.advance(reconnectDelayMs(0, 0.5));
    c.latest().open();
    expect(c.latest().sent[0]).toMatchObject({ resume: { token: 'token-bbbbbbbb2' } });
  });

  it('reports the session lost when the server does not resume it', () => {
    const c = setup();
    c.latest().open();
    c.latest().receive(welcome('token-aaaaaaaa1'));
    c.latest().drop();
    c.timers.advance(RECONNECT_MAX_DELAY_MS);
    c.latest().open();
    c.latest().receive(welcome('token-cccccccc3', false));
    expect(c.changes).toEqual(['reconnecting', 'lost']);
    expect(c.messages.map((m) => m.type)).toEqual(['welcome']);
  });

  it('gives up after the give-up time, and never retries a final close or a drop before welcome', () => {
    const c = setup();
    c.latest().open();
    c.latest().receive(welcome('token-aaaaaaaa1'));
    c.latest().drop();
    for (let i = 0; i < 100 && !c.changes.includes('lost'); i += 1) {
      c.timers.advance(RECONNECT_MAX_DELAY_MS);
      c.latest().drop();
    }
    expect(c.changes).toEqual(['reconnecting', 'lost']);
    expect(c.timers.now()).toBeGreaterThanOrEqual(RECONNECT_GIVE_UP_MS);
    expect(c.timers.now()).toBeLessThan(RECONNECT_GIVE_UP_MS + 2 * RECONNECT_MAX_DELAY_MS);

    const replaced = setup();
    replaced.latest().open();
    replaced.latest().receive(welcome('token-aaaaaaaa1'));
    replaced.latest().drop(4409);
    expect(replaced.changes).toEqual(['lost']);

    const early = setup();
    early.latest().drop();
    expect(early.changes).toEqual(['lost']);
  });
});
