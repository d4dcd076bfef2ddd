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
  /** Exact paths answered by their own handler, any method (e.g. POST /api/enrol). */
  apiRoutes?: ReadonlyMap<string, HttpRoute>;
}

/** A route that checks its own method and answers every request it is given. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createHttpHandler({ staticDir, clock, startedAt, logger, secure = false, apiRoutes }: HttpHandlerOptions) {
  const serveStatic = staticDir ? createStaticFiles(staticDir, logger) : undefined;

  return (req: IncomingMessage, res: ServerResponse): void => {
    // Set once here so no response path forgets them.
    setSecurityHeaders(res, secure);

    const route = apiRoutes?.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (route) return void route(req, res).catch((error: unknown) => failed(res, 'api route failed', error));
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
    serveStatic(req, res, pathname).catch((error: unknown) => failed(res, 'static handler failed', error));
  };

  function failed(res: ServerResponse, what: string, error: unknown): void {
    logger.error(what, { error });
    if (!res.headersSent) sendText(res, 500, 'Internal error');
    else res.destroy();
  }
}
