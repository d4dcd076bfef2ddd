import { describe, expect, it } from 'vitest';
import type { RawData } from 'ws';
import type { ClientConnection } from './clientConnection.js';
import { socketClassFor, type SocketEvents } from './serverSocket.js';

/** Records what the server would have been told, per connection. */
function recordingEvents(): SocketEvents & { seen: string[] } {
  const seen: string[] = [];
  const name = (connection: ClientConnection) => (connection as unknown as { name: string }).name;
  return {
    seen,
    message: (connection, data: RawData, isBinary) => seen.push(`${name(connection)} message ${String(data)} ${isBinary}`),
    pong: (connection) => seen.push(`${name(connection)} pong`),
    error: (connection, error) => seen.push(`${name(connection)} error ${error.message}`),
    close: (connection, code) => seen.push(`${name(connection)} close ${code}`),
  };
}

/** A server-side socket as ws creates it before the upgrade attaches a stream (address null). */
function socketOf(events: SocketEvents) {
  const Socket = socketClassFor(events);
  return new (Socket as unknown as new (address: null, protocols: undefined, options: object) => InstanceType<typeof Socket>)(null, undefined, {});
}

describe('socketClassFor', () => {
  it('hands the four server events to the handlers with the socket’s connection, without a listener on the socket', () => {
    const events = recordingEvents();
    const socket = socketOf(events);
    socket.connection = { name: 'c1' } as unknown as ClientConnection;
    expect(socket.emit('message', Buffer.from('{"type":"hello"}'), false)).toBe(true);
    socket.emit('pong', Buffer.alloc(0));
    socket.emit('error', new Error('reset'));
    socket.emit('close', 1006, Buffer.alloc(0));
    expect(events.seen).toEqual(['c1 message {"type":"hello"} false', 'c1 pong', 'c1 error reset', 'c1 close 1006']);
    expect(socket.eventNames()).toEqual([]);
  });

  it('leaves other events, and every event before the connection is attached, to the plain EventEmitter', () => {
    const events = recordingEvents();
    const socket = socketOf(events);
    const pings: unknown[] = [];
    socket.on('ping', (data) => pings.push(data));
    socket.on('message', () => pings.push('early message'));
    socket.emit('message', Buffer.from('{}'), false);
    // An error with no listener still throws before the connection exists, as EventEmitter does.
    expect(() => socket.emit('error', new Error('early'))).toThrow('early');
    socket.connection = { name: 'c2' } as unknown as ClientConnection;
    socket.emit('ping', 'p');
    expect(pings).toEqual(['early message', 'p']);
    expect(events.seen).toEqual([]);
  });

  it('keeps each server’s handlers apart', () => {
    const first = recordingEvents();
    const second = recordingEvents();
    const a = socketOf(first);
    const b = socketOf(second);
    a.connection = { name: 'a' } as unknown as ClientConnection;
    b.connection = { name: 'b' } as unknown as ClientConnection;
    a.emit('pong');
    b.emit('close', 1000);
    expect(first.seen).toEqual(['a pong']);
    expect(second.seen).toEqual(['b close 1000']);
  });
});
