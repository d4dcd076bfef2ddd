import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_CSP } from '../security/csp.js';
import { resolveAppPath, serveAppRequest } from './serve-app-file.js';

const base = mkdtempSync(join(tmpdir(), 'app-scheme-'));
const root = join(base, 'renderer');
const SECRET = 'outside the renderer folder';

beforeAll(() => {
  mkdirSync(join(root, 'kiosk'), { recursive: true });
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string) => serveAppRequest({ url, method: 'GET' }, root);
const text = (body: Uint8Array | null) => (body ? Buffer.from(body).toString('utf8') : '');

describe('app:// file serving', () => {
  it('serves the kiosk page with the CSP header and a content type', async () => {
    const response = await get('app://kiosk/kiosk/index.html');
    expect(response.status).toBe(200);
    expect(text(response.body)).toContain('<title>kiosk</title>');
    expect(response.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': KIOSK_CSP,
      'X-Content-Type-Options': 'nosniff',
    });
    expect(KIOSK_CSP).toBe(
      "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob: mediastream:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'",
    );
  });

  it('serves scripts as JavaScript and ignores query strings', async () => {
    const response = await get('app://kiosk/assets/app.js?v=1');
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/kiosk/..%2f..%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/assets%5c..%5c..%5csecret.txt',
    'app://kiosk/kiosk/index.html%00.png',
  ])('refuses traversal %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(text(response.body)).not.toContain(SECRET);
  });

  it.each(['app://kiosk/../../secret.txt', 'app://kiosk/%2e%2e/secret.txt', 'app://kiosk/kiosk/.%2E/.%2e/secret.txt'])(
    'keeps %s inside the folder (the URL parser resolves dot segments against the root)',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(text(response.body)).not.toContain(SECRET);
    },
  );

  it('refuses a symlink that leads outside the folder', async () => {
    const response = await get('app://kiosk/assets/link.txt');
    expect(response.status).toBe(403);
    expect(text(response.body)).not.toContain(SECRET);
  });

  it('answers 404 for missing files, directories and other hosts, 405 for writes, 400 for bad encoding', async () => {
    expect((await get('app://kiosk/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/kiosk/')).status).toBe(404);
    expect((await get('app://kiosk/kiosk')).status).toBe(404);
    expect((await get('app://other/kiosk/index.html')).status).toBe(404);
    expect((await serveAppRequest({ url: 'app://kiosk/kiosk/index.html', method: 'POST' }, root)).status).toBe(405);
    expect((await get('app://kiosk/%E0%A4%A')).status).toBe(400);
  });

  it('resolves only inside the root', () => {
    expect(resolveAppPath('app://kiosk/kiosk/index.html', root)).toEqual({ ok: true, path: join(root, 'kiosk', 'index.html') });
    expect(resolveAppPath('app://kiosk/', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath('https://kiosk/kiosk/index.html', root)).toEqual({ ok: false, status: 404 });
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest({ url: 'app://kiosk/kiosk/index.html', method: 'HEAD' }, root);
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });
});
