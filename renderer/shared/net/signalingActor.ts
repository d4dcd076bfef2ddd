import { fromCallback } from 'xstate';
import type { ClientMessage, Credentials } from '../../../protocol/index.js';
import type { Logger } from '../log/logger.js';
import { toServerEvent, type ServerDisconnectedEvent, type ServerEvent } from './serverEvents.js';
import { connectSignaling, type WebSocketFactory } from './signalingClient.js';

/** What a machine sends to its signaling actor. */
export interface SignalingCommand {
  type: 'signaling.send';
  message: ClientMessage;
}
export type SignalingOutput = ServerEvent | ServerDisconnectedEvent;

export interface SignalingEndpoint {
  url: string;
  credentials: Credentials;
}

export interface SignalingActorOptions<TInput> {
  /** Where to connect and as whom; may be async (the kiosk asks its bridge). */
  resolveEndpoint(input: TInput): SignalingEndpoint | Promise<SignalingEndpoint>;
  createSocket?: WebSocketFactory;
  logger?: Logger;
}

/**
 * The connection as an XState callback actor: it lives exactly as long as the state that
 * invokes it, so leaving that state always closes the socket.
 */
export function createSignalingActor<TInput>(options: SignalingActorOptions<TInput>) {
  return fromCallback<SignalingCommand, TInput>(({ input, sendBack, receive }) => {
    let stopped = false;
    let client: ReturnType<typeof connectSignaling> | undefined;
    const queued: ClientMessage[] = [];
    receive((command) => {
      if (client) client.send(command.message);
      else queued.push(command.message);
    });
    Promise.resolve()
      .then(() => options.resolveEndpoint(input))
      .then((endpoint) => {
        if (stopped) return;
        client = connectSignaling({
          ...endpoint,
          ...(options.createSocket ? { createSocket: options.createSocket } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
          onMessage: (message) => sendBack(toServerEvent(message)),
          onDisconnect: () => sendBack({ type: 'server.disconnected' } satisfies ServerDisconnectedEvent),
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
