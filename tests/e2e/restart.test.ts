import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readUntil, withTimeout } from '../harness/processes.js';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { BUILT_SERVER_ARGV } from '../../scripts/build-server.js';
import { hashKioskToken } from '../../signaling-server/src/auth/kioskTokens.js';
import { TestClient } from '../../signaling-server/src/testing/testClient.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BANNER_TIMEOUT_MS = 30_000;
const KIOSKS = [
  { id: 'kiosk-1', token: 'kiosk-1-token-0123456789' },
  { id: 'kiosk-2', token: 'kiosk-2-token-0123456789' },
  { id: 'kiosk-3', token: 'kiosk-3-token-0123456789' },
] as const;

/** A process killed without warning (SIGKILL) and started again on the same data keeps every queue place. */
describe('server restart (SIGKILL) within the resume grace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-restart-'));
  const children: ChildProcess[] = [];
  const clients: TestClient[] = [];

  afterAll(() => {
    for (const client of clients) client.socket.terminate();
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps three queued kiosks in their order across a kill and restart', async () => {
    const configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        sites: [{ id: 'site-1', name: 'Restart test site' }],
        kiosks: KIOSKS.map((k) => ({ id: k.id, siteId: 'site-1', tokenSha256: hashKioskToken(k.token) })),
        agents: [],
        resumeGraceMs: 60_000,
      }),
    );
    const port = await freePort();
    const start = async () => {
      // The bundle production runs (npm test builds it first), started by node itself: SIGKILL must hit the server, not a wrapper.
      const child = spawn(process.execPath, BUILT_SERVER_ARGV, {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONFIG: configFile, DATA_DIR: join(dir, 'data'), STATIC_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      await readUntil(child, /Signaling server listening on/, BANNER_TIMEOUT_MS);
      return child;
    };
    const wsUrl = `ws://127.0.0.1:${port}/ws`;
    const hello = async (kiosk: (typeof KIOSKS)[number], resumeToken?: string) => {
      const client = await TestClient.connect(wsUrl);
      clients.push(client);
      client.send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        credentials: { role: 'kiosk', kioskId: kiosk.id, token: kiosk.token },
        ...(resumeToken ? { resume: { token: resumeToken } } : {}),
      });
      const welcome = await client.next('welcome', 5_000);
      return { client, welcome };
    };

    const first = await start();
    const queued: { token: string; ticketId: string }[] = [];
    for (const [index, kiosk] of KIOSKS.entries()) {
      const { client, welcome } = await hello(kiosk);
      client.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
      const status = await client.next('queue.status', 5_000);
      expect(status.position).toBe(index + 1);
      queued.push({ token: welcome.resumeToken ?? '', ticketId: status.ticketId });
    }

    const killed = new Promise<NodeJS.Signals | null>((done) => first.once('exit', (_code, signal) => done(signal)));
    first.kill('SIGKILL');
    expect(await killed).toBe('SIGKILL');
    for (const client of clients) await withTimeout(client.closed, 5_000, 'the killed server did not drop its sockets');

    await start();
    // They come back in a different order than they joined; each keeps its place and ticket.
    const results: Record<string, { resumed: boolean | undefined; position: number; ticketId: string }> = {};
    for (const index of [2, 0, 1]) {
      const kiosk = KIOSKS[index]!;
      const { client, welcome } = await hello(kiosk, queued[index]!.token);
      const status = await client.next('queue.status', 5_000);
      results[kiosk.id] = { resumed: welcome.resumed, position: status.position, ticketId: status.ticketId };
    }
    expect(results).toEqual({
      'kiosk-1': { resumed: true, position: 1, ticketId: queued[0]!.ticketId },
      'kiosk-2': { resumed: true, position: 2, ticketId: queued[1]!.ticketId },
      'kiosk-3': { resumed: true, position: 3, ticketId: queued[2]!.ticketId },
    });
  });
});

/** A port nobody listens on now: bind 0, read it, let it go (the restarted server must reuse it). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
