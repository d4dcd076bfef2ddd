import { KIOSK_NOTICES, noticePath, type KioskNotice } from '../notices/notice-pages.js';
import { OUT_OF_SERVICE_STYLESHEET, noticePageHtml, outOfServicePageHtml } from '../notices/out-of-service-page.js';
import { APP_HOST, APP_SCHEME, OUT_OF_SERVICE_PATH, OUT_OF_SERVICE_STYLESHEET_PATH } from '../security/origin.js';
import { APP_RESPONSE_HEADERS, type AppResponse } from './serve-app-file.js';

/** app://kiosk pathname → a file held in memory. */
export type InMemoryPages = ReadonlyMap<string, { contentType: string; text: string }>;

/** Files the main process answers itself, so they work even when dist/renderer is missing or broken. */
export const KIOSK_IN_MEMORY_PAGES: InMemoryPages = new Map([
  [OUT_OF_SERVICE_PATH, { contentType: 'text/html; charset=utf-8', text: outOfServicePageHtml(OUT_OF_SERVICE_STYLESHEET_PATH) }],
  [OUT_OF_SERVICE_STYLESHEET_PATH, { contentType: 'text/css; charset=utf-8', text: OUT_OF_SERVICE_STYLESHEET }],
  // The enrolment notices share the out-of-service stylesheet.
  ...(Object.keys(KIOSK_NOTICES) as KioskNotice[]).map((notice): [string, { contentType: string; text: string }] => [
    noticePath(notice),
    { contentType: 'text/html; charset=utf-8', text: noticePageHtml(OUT_OF_SERVICE_STYLESHEET_PATH, KIOSK_NOTICES[notice].title, KIOSK_NOTICES[notice].body) },
  ]),
]);

/**
 * The response for an in-memory page, or null to fall through to the file handler. Same headers (CSP
 * included) as every app:// file. The query and fragment are ignored; the path must match exactly.
 */
export function serveInMemoryPage(request: { url: string; method: string }, pages: InMemoryPages): AppResponse | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const file = pages.get(url.pathname);
  if (file === undefined) return null;
  return {
    status: 200,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': file.contentType },
    body: request.method === 'HEAD' ? null : new TextEncoder().encode(file.text),
  };
}
