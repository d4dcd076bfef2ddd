import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../protocol/index.js';
import { silentLogger } from '../../shared/log/logger.js';
import type { WebSocketLike } from '../../shared/net/signalingClient.js';
import { sendDeviceStatus } from './sendDeviceStatus.js';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const endpoint = { url: 'ws://example.test/ws', credentials: { role: 'kiosk', kioskId: 'k-1', token: 'secret-token-1' } } as const;
const welcome: ServerMessage = { type: 'welcome', protocol: 1, role: 'kiosk', clientId: 'c', iceServers: [], heartbeatIntervalMs: 1000 };
const report = { camera: 'missing', microphone: 'ok', speaker: 'ok' } as const;

function start(timers: { fire?: () => void } = {}) {
  const socket = new FakeSocket();
  const sent = sendDeviceStatus(report, {
    endpoint,
    createSocket: () => socket,
    logger: silentLogger,
    setTimeout: (run) => (timers.fire = run),
    clearTimeout: () => (timers.fire = undefined),
  });
  return { socket, sent };
}

describe('sendDeviceStatus', () => {
  it('says hello, sends the report after welcome, and closes once the server confirms', async () => {
    const { socket, sent } = start();
    socket.open();
    socket.receive(welcome);
    const types = socket.sent.map((frame) => (JSON.parse(frame) as { type: string }).type);
    expect(types).toEqual(['hello', 'device.status']);
    expect(JSON.parse(socket.sent[1] ?? '{}')).toEqual({ type: 'device.status', ...report });
    socket.receive({ type: 'device.status.recorded' });
    await expect(sent).resolves.toBeUndefined();
    expect(socket.closed).toBe(true);
  });

  it('fails and closes on a refusal or a timeout', async () => {
    const refused = start();
    refused.socket.open();
    refused.socket.receive(welcome);
    refused.socket.receive({ type: 'error', code: 'FORBIDDEN', message: 'no' });
    await expect(refused.sent).rejects.toThrow('FORBIDDEN');
    expect(refused.socket.closed).toBe(true);

    const timers: { fire?: () => void } = {};
    const silent = start(timers);
    silent.socket.open();
    timers.fire?.();
    await expect(silent.sent).rejects.toThrow('timed out');
    expect(silent.socket.closed).toBe(true);
  });
});
