import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import type { Logger } from '../logger.js';
import { contentTypeFor } from './contentTypes.js';
import { sendText } from './responses.js';

/** Vite puts content-hashed files under /assets/: safe to cache for a year. */
const IMMUTABLE_PREFIX = '/assets/';
const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Serves the built renderer. Paths are resolved inside the root and re-checked after
 * symlinks are followed; dot-files and anything outside the root are a plain 404.
 */
export function createStaticFiles(rootDir: string, log: Logger) {
  const root = resolve(rootDir);
  let realRoot: Promise<string | undefined> | undefined;
  const getRealRoot = () => (realRoot ??= realpath(root).catch(() => undefined));

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, 'Bad request');
      return;
    }
    const segments = decoded.split('/');
    if (decoded.includes('\0') || decoded.includes('\\') || segments.some((s) => s.startsWith('.'))) {
      sendText(res, 404, 'Not found');
      return;
    }
    const base = await getRealRoot();
    if (!base) {
      sendText(res, 404, 'Not found');
      return;
    }
    const candidate = resolve(base, `.${decoded}`);
    const file = await resolveFile(base, candidate, decoded.endsWith('/'));
    if (file.kind === 'directory') {
      // `/kiosk` → `/kiosk/` so the page's relative URLs resolve inside its folder.
      res.writeHead(301, { Location: `${pathname}/` }).end();
      return;
    }
    if (file.kind === 'missing') {
      sendText(res, 404, 'Not found');
      return;
    }
    const contentType = contentTypeFor(file.path);
    res.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': file.size,
      'Cache-Control': cacheControlFor(pathname, contentType),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file.path)
      .on('error', (error) => {
        log.warn('static file read failed', { error: error.message });
        res.destroy();
      })
      .pipe(res);
  };
}

/**
 * Pages are never stored (a shared kiosk or agent browser keeps no copy, and a new build
 * is picked up at once); hashed assets are cached for good; the rest is revalidated.
 */
function cacheControlFor(pathname: string, contentType: string): string {
  if (contentType.startsWith('text/html')) return 'no-store';
  return pathname.startsWith(IMMUTABLE_PREFIX) ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache';
}

type Resolved = { kind: 'file'; path: string; size: number } | { kind: 'directory' } | { kind: 'missing' };

async function resolveFile(base: string, candidate: string, wantsIndex: boolean): Promise<Resolved> {
  if (!isInside(base, candidate)) return { kind: 'missing' };
  try {
    let path = await realpath(candidate);
    if (!isInside(base, path)) return { kind: 'missing' };
    let info = await stat(path);
    if (info.isDirectory()) {
      if (!wantsIndex) return { kind: 'directory' };
      path = await realpath(resolve(path, 'index.html'));
      if (!isInside(base, path)) return { kind: 'missing' };
      info = await stat(path);
    }
    return info.isFile() ? { kind: 'file', path, size: info.size } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

function isInside(base: string, path: string): boolean {
  return path === base || path.startsWith(base.endsWith(sep) ? base : base + sep);
}
