import type { BrowserContext } from 'playwright-core';
import { WEBSOCKET_PATH } from '../../signaling-server/src/index.js';

/** Holds back, on demand, the WebRTC answer a page's signaling socket receives. */
export interface AnswerGate {
  /** From now on, the next answer and every frame after it wait. */
  hold(): void;
  /** Delivers what waited, in order, and lets everything through again. */
  release(): void;
  /** How many frames wait now. */
  readonly waiting: number;
}

function isAnswer(frame: string | Buffer): boolean {
  try {
    const message = JSON.parse(String(frame)) as { type?: string; data?: { type?: string } };
    return message.type === 'signal' && message.data?.type === 'answer';
  } catch {
    return false;
  }
}

/**
 * Routes the context's signaling sockets through the test (Playwright's `routeWebSocket`), every
 * frame passed on unchanged and in order, so a test can keep a call from connecting for as long as
 * it looks at the screen shown until then (it lasts about 100 ms otherwise). Install it before the
 * page opens its socket.
 */
export async function gateAnswers(context: BrowserContext): Promise<AnswerGate> {
  let holding = false;
  const held: (() => void)[] = [];
  await context.routeWebSocket(
    (url) => url.pathname === WEBSOCKET_PATH,
    (route) => {
      const server = route.connectToServer();
      route.onMessage((frame) => server.send(frame));
      server.onMessage((frame) => {
        if (held.length > 0 || (holding && isAnswer(frame))) held.push(() => route.send(frame));
        else route.send(frame);
      });
    },
  );
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const deliver of held.splice(0)) deliver();
    },
    get waiting() {
      return held.length;
    },
  };
}
