import { WebSocket, type RawData } from 'ws';
import type { ClientConnection } from './clientConnection.js';

/** What the server does with the events of any of its sockets, given the socket's connection. */
export interface SocketEvents {
  message(connection: ClientConnection, data: RawData, isBinary: boolean): void;
  pong(connection: ClientConnection): void;
  error(connection: ClientConnection, error: Error): void;
  close(connection: ClientConnection, code: number): void;
}

/** The socket class the WebSocket server creates (its `WebSocket` option); it carries its ClientConnection. */
export class ServerSocket extends WebSocket {
  connection: ClientConnection | undefined = undefined;
}

/**
 * A socket class for one server, whose sockets hand their events straight to `events`.
 *
 * ws reports every event of a socket through `emit`. Answering the four the server needs here,
 * rather than registering four listeners on each socket, leaves each socket's listener table
 * empty: with the listeners it was a dictionary of about 250 bytes per connection (heap
 * snapshots, docs/performance.md). Before `connection` is set (during the upgrade) and for any
 * other event (`ping`, answered by ws itself), the socket behaves as a plain EventEmitter.
 */
export function socketClassFor(events: SocketEvents): typeof ServerSocket {
  return class DispatchingSocket extends ServerSocket {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      const connection = this.connection;
      if (connection === undefined) return super.emit(event, ...args);
      switch (event) {
        case 'message':
          events.message(connection, args[0] as RawData, args[1] as boolean);
          return true;
        case 'pong':
          events.pong(connection);
          return true;
        case 'error':
          events.error(connection, args[0] as Error);
          return true;
        case 'close':
          events.close(connection, args[0] as number);
          return true;
        default:
          return super.emit(event, ...args);
      }
    }
  };
}
