import { fromCallback } from 'xstate';
import type { ClientMessage, Credentials } from '../../../protocol/index.js';
import type { Logger } from '../log/logger.js';
import { connectReconnecting, type ReconnectTimers } from './reconnectingClient.js';
import {
  toServerEvent,
  type ServerDisconnectedEvent,
  type ServerEvent,
  type ServerReconnectingEvent,
  type ServerResumedEvent,
} from './serverEvents.js';
import type { SignalingClient, WebSocketFactory } from './signalingClient.js';

/** What a machine sends to its signaling actor. */
export interface SignalingCommand {
  type: 'signaling.send';
  message: ClientMessage;
}
export type SignalingOutput = ServerEvent | ServerDisconnectedEvent | ServerReconnectingEvent | ServerResumedEvent;

export interface SignalingEndpoint {
  url: string;
  credentials: Credentials;
}

export interface SignalingActorOptions<TInput> {
  /** Where to connect and as whom; may be async (the kiosk asks its bridge). */
  resolveEndpoint(input: TInput): SignalingEndpoint | Promise<SignalingEndpoint>;
  createSocket?: WebSocketFactory;
  /** Backoff timers for reconnecting; the browser's by default. */
  timers?: ReconnectTimers;
  logger?: Logger;
}

/**
 * The connection as an XState callback actor: it lives exactly as long as the state that
 * invokes it, so leaving that state always closes the socket.
 */
export function createSignalingActor<TInput>(options: SignalingActorOptions<TInput>) {
  return fromCallback<SignalingCommand, TInput>(({ input, sendBack, receive }) => {
    let stopped = false;
    let client: SignalingClient | undefined;
    const queued: ClientMessage[] = [];
    receive((command) => {
      if (client) client.send(command.message);
      else queued.push(command.message);
    });
    Promise.resolve()
      .then(() => options.resolveEndpoint(input))
      .then((endpoint) => {
        if (stopped) return;
        client = connectReconnecting({
          ...endpoint,
          ...(options.createSocket ? { createSocket: options.createSocket } : {}),
          ...(options.timers ? { timers: options.timers } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
          onMessage: (message) => sendBack(toServerEvent(message)),
          // A blip is `server.reconnecting` then `server.resumed`; only a session gone for good is `server.disconnected`.
          onConnectionChange: (change) => {
            if (change.kind === 'reconnecting') sendBack({ type: 'server.reconnecting' } satisfies ServerReconnectingEvent);
            else if (change.kind === 'resumed') sendBack({ type: 'server.resumed' } satisfies ServerResumedEvent);
            else sendBack({ type: 'server.disconnected' } satisfies ServerDisconnectedEvent);
          },
        });
        for (const message of queued.splice(0)) client.send(message);
      })
      .catch((error: unknown) => {
        options.logger?.error('could not open the signaling connection', { error: String(error) });
        if (!stopped) sendBack({ type: 'server.disconnected' } satisfies ServerDisconnectedEvent);
      });
    return () => {
      stopped = true;
      client?.close();
    };
  });
}
