import { readFile as fsReadFile, realpath as fsRealpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/origin.js';
import { KIOSK_CSP } from '../security/csp.js';

/** Extensions the built renderer contains; anything else is served as opaque bytes (and nosniff stops guessing). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** Headers on every app:// response, errors included. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': KIOSK_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export type ResolvedAppPath = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps app://kiosk/<path> to a file under rootDir, refusing anything that could escape it:
 * `..` segments (plain or percent-encoded), backslashes, NUL bytes, other hosts or schemes.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): ResolvedAppPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..')) return { ok: false, status: 403 };
  if (decoded.endsWith('/')) return { ok: false, status: 404 };
  const root = resolve(rootDir);
  const path = resolve(root, `.${decoded}`);
  if (!isInside(root, path)) return { ok: false, status: 403 };
  return { ok: true, path };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

export interface AppFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  realpath(path: string): Promise<string>;
}

const nodeFileSystem: AppFileSystem = { readFile: (path) => fsReadFile(path), realpath: (path) => fsRealpath(path) };

function errorResponse(status: number): AppResponse {
  return { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: null };
}

/** The whole app:// handler minus Electron: method, path, symlink escape, file read, headers. */
export async function serveAppRequest(
  request: { url: string; method: string },
  rootDir: string,
  fs: AppFileSystem = nodeFileSystem,
): Promise<AppResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
  const resolved = resolveAppPath(request.url, rootDir);
  if (!resolved.ok) return errorResponse(resolved.status);
  try {
    // A symlink inside the folder must not lead outside it.
    const [realRoot, realFile] = await Promise.all([fs.realpath(resolve(rootDir)), fs.realpath(resolved.path)]);
    if (!isInside(realRoot, realFile)) return errorResponse(403);
    const body = await fs.readFile(realFile);
    return {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': contentTypeFor(resolved.path) },
      body: request.method === 'HEAD' ? null : body,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return errorResponse(code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 404 : 500);
  }
}
