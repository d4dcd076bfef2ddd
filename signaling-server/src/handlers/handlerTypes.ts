import type { ClientMessage, ClientMessageType, MessageOf } from '../../../protocol/index.js';
import type { ClientConnection } from '../connection/clientConnection.js';
import type { Party, Switchboard } from '../switchboard/switchboard.js';

/**
 * Every message type except those the pipeline handles itself: hello (before authentication)
 * and session.logout (it needs the authenticator and closes the connection).
 */
export type RoutedType = Exclude<ClientMessageType, 'hello' | 'session.logout'>;
export type RoutedMessage = MessageOf<ClientMessage, RoutedType>;

/** What a handler gets: an authenticated sender and the live state. */
export interface HandlerContext {
  connection: ClientConnection;
  party: Party;
  switchboard: Switchboard;
}

/** Handlers answer by sending; an expected refusal is a thrown ProtocolError. */
export type MessageHandler<T extends RoutedType> = (ctx: HandlerContext, message: MessageOf<ClientMessage, T>) => void;

export type HandlerRegistry = { [T in RoutedType]: MessageHandler<T> };
