import { protocol, type Session } from 'electron';
import { KIOSK_IN_MEMORY_PAGES, serveInMemoryPage, type InMemoryPages } from '../app-protocol/in-memory-pages.js';
import { serveAppRequest } from '../app-protocol/serve-app-file.js';
import { APP_SCHEME } from '../security/origin.js';

/**
 * standard: app://kiosk/… resolves relative URLs and has a real origin; secure: a secure context, so getUserMedia works.
 * corsEnabled and bypassCSP stay unset on purpose: corsEnabled would let other origins read app:// responses,
 * bypassCSP would switch off our own policy.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true } as const;

/** Must run before app 'ready'. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * Serves app://kiosk/… on the given session only: the in-memory pages (out of service) first, then the
 * built renderer folder.
 */
export function serveAppScheme(ses: Pick<Session, 'protocol'>, rendererDir: string, pages: InMemoryPages = KIOSK_IN_MEMORY_PAGES): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const asked = { url: request.url, method: request.method };
    const response = serveInMemoryPage(asked, pages) ?? (await serveAppRequest(asked, rendererDir));
    return new Response(response.body ? Buffer.from(response.body) : null, { status: response.status, headers: response.headers });
  });
}
