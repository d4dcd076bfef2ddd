import type { MessageOf, ServerMessage, ServerMessageType } from '../../../protocol/index.js';

/** Every validated server message becomes a machine event named by its origin: `server.<message type>`. */
export type ServerEvent = {
  [K in ServerMessageType]: { type: `server.${K}`; message: MessageOf<ServerMessage, K> };
}[ServerMessageType];

/**
 * The connection dropped and is being retried with the resume token. The session (queue place,
 * call) is still held by the server: stay where you are, the peer connection keeps its media.
 */
export interface ServerReconnectingEvent {
  type: 'server.reconnecting';
}
/** The session was resumed; messages held meanwhile follow as ordinary server events. */
export interface ServerResumedEvent {
  type: 'server.resumed';
}

/** The session is gone for good: the connection closed and could not be resumed. */
export interface ServerDisconnectedEvent {
  type: 'server.disconnected';
}

export function toServerEvent(message: ServerMessage): ServerEvent {
  return { type: `server.${message.type}`, message } as ServerEvent;
}
