import type { MessageOf, ServerMessage, ServerMessageType } from '../../../protocol/index.js';

/** Every validated server message becomes a machine event named by its origin: `server.<message type>`. */
export type ServerEvent = {
  [K in ServerMessageType]: { type: `server.${K}`; message: MessageOf<ServerMessage, K> };
}[ServerMessageType];

/** The connection closed without us asking: the network or the server went away. */
export interface ServerDisconnectedEvent {
  type: 'server.disconnected';
}

export function toServerEvent(message: ServerMessage): ServerEvent {
  return { type: `server.${message.type}`, message } as ServerEvent;
}
