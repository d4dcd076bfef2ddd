import { fromPromise } from 'xstate';
import type { HelpStep } from '../../../protocol/index.js';
import type { Logger } from '../../shared/log/logger.js';
import type { SignalingEndpoint } from '../../shared/net/signalingActor.js';
import { connectSignaling, type WebSocketFactory } from '../../shared/net/signalingClient.js';

/** Past this, the visitor is told to walk to the counter instead of waiting on the screen. */
export const HELP_REQUEST_TIMEOUT_MS = 10_000;

export interface HelpRequestOptions {
  resolveEndpoint(): Promise<SignalingEndpoint>;
  createSocket?: WebSocketFactory;
  logger?: Logger;
  timeoutMs?: number;
}

/**
 * Outside a session the kiosk holds no connection (see kioskMachine): a help request opens a
 * short one, sends `help.request`, and closes as soon as the server confirms.
 */
export function createHelpRequestActor(options: HelpRequestOptions) {
  return fromPromise<void, { step: HelpStep }>(async ({ input, signal }) => {
    const endpoint = await options.resolveEndpoint();
    await new Promise<void>((resolve, reject) => {
      const client = connectSignaling({
        ...endpoint,
        ...(options.createSocket ? { createSocket: options.createSocket } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        onMessage: (message) => {
          if (message.type === 'welcome') client.send({ type: 'help.request', step: input.step });
          else if (message.type === 'help.requested') finish();
          else if (message.type === 'error') finish(new Error(`help request refused: ${message.code}`));
        },
        onDisconnect: () => finish(new Error('connection closed before the help request was confirmed')),
      });
      const timer = setTimeout(() => finish(new Error('help request timed out')), options.timeoutMs ?? HELP_REQUEST_TIMEOUT_MS);
      const onAbort = () => finish(new Error('help request cancelled'));
      signal.addEventListener('abort', onAbort);
      function finish(error?: Error) {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        client.close();
        if (error) reject(error);
        else resolve();
      }
    });
  });
}
