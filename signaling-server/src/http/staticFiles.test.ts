import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { createServer, type KioskServer } from '../server.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { parseConfig } from '../config.js';

/** fetch() normalises `..` away; a raw request sends the path exactly as written. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static renderer files', () => {
  let root: string;
  let server: KioskServer;
  let url: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kiosk-static-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'kiosk'), { recursive: true });
    mkdirSync(join(dist, 'agent'), { recursive: true });
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(dist, 'agent', 'index.html'), '<!doctype html><title>agent</title>');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'app-abc123.css'), 'body{}');
    writeFileSync(join(dist, '.env'), 'SECRET=1');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    symlinkSync(join(root, 'secret.txt'), join(dist, 'assets', 'link.txt'));
    server = createServer({
      config: parseConfig({ sites: [], kiosks: [], agents: [], staticDir: dist }),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    ({ url } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the kiosk and agent pages and their assets with the right types', async () => {
    const kiosk = await fetch(`${url}/kiosk/`);
    expect(kiosk.status).toBe(200);
    expect(kiosk.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await kiosk.text()).toContain('kiosk');
    // Pages are never stored and carry the strict CSP; hashed assets are cached for good.
    expect(kiosk.headers.get('cache-control')).toBe('no-store');
    expect(kiosk.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${url}/agent/`)).text()).toContain('agent');
    const js = await fetch(`${url}/assets/app-abc123.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${url}/assets/app-abc123.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('redirects / to the agent console and folders to their trailing slash', async () => {
    const home = await fetch(`${url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/agent/');
    const kiosk = await fetch(`${url}/kiosk`, { redirect: 'manual' });
    expect(kiosk.status).toBe(301);
    expect(kiosk.headers.get('location')).toBe('/kiosk/');
  });

  it('answers 404 for missing files, dot-files, traversal and symlinks leading out', async () => {
    for (const path of [
      '/nope.js',
      '/.env',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/link.txt',
      '/kiosk/index.html%00.js',
    ]) {
      const response = await rawGet(url, path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('outside');
      expect(response.body).not.toContain('SECRET');
    }
    expect((await rawGet(url, '/%E0%A4%A')).status).toBe(400);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${url}/kiosk/`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${url}/kiosk/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});
