/**
 * Is the signaling server there? The kiosk opens a socket only when a visitor asks for an
 * agent, so an idle kiosk would not otherwise notice that the service is down (the 8 a.m.
 * case: the kiosk booted, the server did not). The welcome screen asks now and then.
 */

/** While the service answers: how often the welcome screen asks again. */
export const PROBE_INTERVAL_MS = 30_000;
/** An answer slower than this counts as no answer: a hung proxy must not look healthy. */
export const PROBE_TIMEOUT_MS = 5_000;
/** One failure may be a blip; this many in a row and the welcome says the service is down. */
export const PROBE_FAILURES_BEFORE_OFFLINE = 2;
/** After a failure: the first retry, doubled at each further failure... */
export const OFFLINE_RETRY_BASE_MS = 10_000;
/** ...up to this, so a long outage costs the server one request a minute per kiosk. */
export const OFFLINE_RETRY_MAX_MS = 60_000;

/**
 * The wait before the next check after `failures` failures in a row: 10 s before the check
 * that decides, then 10 s, 20 s, 40 s, 60 s, 60 s… while the offline screen shows.
 */
export function offlineRetryDelay(failures: number): number {
  const doublings = Math.max(0, failures - PROBE_FAILURES_BEFORE_OFFLINE);
  return Math.min(OFFLINE_RETRY_BASE_MS * 2 ** Math.min(doublings, 16), OFFLINE_RETRY_MAX_MS);
}

/** The server's health endpoint, from its WebSocket address: wss → https, ws → http; the path is not kept. */
export function healthUrlOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  const protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return `${protocol}//${url.host}/healthz`;
}

/** One check; resolves when the service answered, rejects otherwise. Aborted when the kiosk stops waiting. */
export type ServiceProbe = (signal: AbortSignal) => Promise<void>;

export class ServiceUnreachableError extends Error {
  constructor(readonly reason: string) {
    super(`service unreachable: ${reason}`);
    this.name = 'ServiceUnreachableError';
  }
}

type FetchLike = (url: string, init: { cache: 'no-store'; signal: AbortSignal }) => Promise<{ ok: boolean; status: number }>;

/**
 * GET /healthz on the server. Used where the page is served by the server itself (browser
 * mode): same origin, so the page's CSP (`connect-src 'self'`) and CORS allow it.
 */
export function createHealthProbe(options: { healthUrl: () => Promise<string>; fetch: FetchLike }): ServiceProbe {
  return async (signal) => {
    const url = await options.healthUrl();
    const response = await options.fetch(url, { cache: 'no-store', signal }).catch((error: unknown) => {
      throw new ServiceUnreachableError(error instanceof Error ? error.name : 'fetch failed');
    });
    if (!response.ok) throw new ServiceUnreachableError(`status ${response.status}`);
  };
}

/** The parts of a WebSocket the socket probe uses (the handlers ignore their event, hence `never`). */
export interface ProbeSocket {
  onopen: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  close(code?: number): void;
}

/**
 * Opens a WebSocket to the server and closes it as soon as it opens, saying nothing. Used in
 * Electron, where the page (app://) is of another origin than the server: a cross-origin
 * fetch of /healthz would need CORS headers the server does not send (and its
 * Cross-Origin-Resource-Policy: same-origin blocks even an opaque one), whereas the page's
 * CSP already allows ws:/wss: and the server accepts the app's origin on the upgrade.
 */
export function createSocketProbe(options: { serverUrl: () => Promise<string>; open: (url: string) => ProbeSocket }): ServiceProbe {
  return async (signal) => {
    const url = await options.serverUrl();
    await new Promise<void>((resolve, reject) => {
      const socket = options.open(url);
      const settle = (outcome: () => void) => {
        socket.onopen = socket.onerror = socket.onclose = null;
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = () => settle(() => {
        socket.close();
        reject(new ServiceUnreachableError('timed out'));
      });
      socket.onopen = () => settle(() => {
        socket.close(1000);
        resolve();
      });
      socket.onerror = socket.onclose = () => settle(() => reject(new ServiceUnreachableError('socket refused')));
      signal.addEventListener('abort', onAbort);
    });
  };
}

/**
 * The health endpoint when the page and the server share an origin (browser mode), the socket
 * probe otherwise (Electron's app:// page). Decided per check: the configuration is read each time.
 */
export function createServiceProbe(options: {
  serverUrl: () => Promise<string>;
  pageOrigin: string;
  fetch: FetchLike;
  open: (url: string) => ProbeSocket;
}): ServiceProbe {
  const health = createHealthProbe({ healthUrl: async () => healthUrlOf(await options.serverUrl()), fetch: options.fetch });
  const socket = createSocketProbe({ serverUrl: options.serverUrl, open: options.open });
  return async (signal) => {
    const sameOrigin = new URL(healthUrlOf(await options.serverUrl())).origin === options.pageOrigin;
    return (sameOrigin ? health : socket)(signal);
  };
}
