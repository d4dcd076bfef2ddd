import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROTOCOL_VERSION } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { SERVER_VERSION } from '../version.js';
import { sendJson, sendText } from './responses.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { createStaticFiles } from './staticFiles.js';

export const HEALTH_PATH = '/healthz';
/** Where `/` sends a browser: the agent console (kiosks are opened with their own URL). */
export const HOME_REDIRECT = '/agent/';

export interface HttpHandlerOptions {
  staticDir: string | undefined;
  clock: Clock;
  startedAt: number;
  logger: Logger;
  /** Served over TLS: adds HSTS. */
  secure?: boolean;
}

export function createHttpHandler({ staticDir, clock, startedAt, logger, secure = false }: HttpHandlerOptions) {
  const serveStatic = staticDir ? createStaticFiles(staticDir, logger) : undefined;

  return (req: IncomingMessage, res: ServerResponse): void => {
    // Set once here so no response path forgets them.
    setSecurityHeaders(res, secure);

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === HEALTH_PATH) {
      sendJson(res, 200, {
        status: 'ok',
        version: SERVER_VERSION,
        protocol: PROTOCOL_VERSION,
        uptimeSeconds: Math.max(0, Math.floor((clock.now() - startedAt) / 1000)),
      });
      return;
    }
    if (pathname === '/') {
      res.writeHead(302, { Location: HOME_REDIRECT }).end();
      return;
    }
    if (!serveStatic) {
      sendText(res, 404, 'Not found');
      return;
    }
    serveStatic(req, res, pathname).catch((error: unknown) => {
      logger.error('static handler failed', { error });
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  };
}
