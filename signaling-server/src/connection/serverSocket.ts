import { WebSocket } from 'ws';
import type { ClientConnection } from './clientConnection.js';

/**
 * The socket class the WebSocket server creates (its `WebSocket` option). It carries its
 * ClientConnection, so one set of listener functions serves every socket: four closures and
 * their scope per connection were per-connection memory (docs/performance.md).
 */
export class ServerSocket extends WebSocket {
  connection: ClientConnection | undefined = undefined;
}

/** The connection of a socket the server created; every listener runs after `onConnection` set it. */
export function connectionOf(socket: WebSocket): ClientConnection {
  return (socket as ServerSocket).connection!;
}
