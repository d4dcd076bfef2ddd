import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readUntil, withTimeout } from '../harness/processes.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../protocol/index.js';
import { BUILT_SERVER_ARGV } from '../../scripts/build-server.js';
import { hashKioskToken } from '../../signaling-server/src/auth/kioskTokens.js';
import { openSqliteStore } from '../../signaling-server/src/store/sqliteStore.js';
import { TestClient } from '../../signaling-server/src/testing/testClient.js';
import { TEST_AGENTS, TEST_KIOSK_TOKENS, testConfigInput } from '../../signaling-server/src/testing/testServer.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BANNER_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 5_000;
const KIOSKS = [
  { id: 'kiosk-1', token: 'kiosk-1-token-0123456789' },
  { id: 'kiosk-2', token: 'kiosk-2-token-0123456789' },
  { id: 'kiosk-3', token: 'kiosk-3-token-0123456789' },
] as const;

/**
 * The built server with `config`, on one port and one data folder however often it is started:
 * the bundle production runs (npm test builds it first), started by node itself, so SIGKILL hits
 * the server and not a wrapper.
 */
async function restartableServer(config: object) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-restart-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const port = await freePort();
  const dataDir = join(dir, 'data');
  const children: ChildProcess[] = [];
  const clients: TestClient[] = [];
  return {
    dataDir,
    async start(): Promise<ChildProcess> {
      const child = spawn(process.execPath, BUILT_SERVER_ARGV, {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONFIG: configFile, DATA_DIR: dataDir, STATIC_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      await readUntil(child, /Signaling server listening on/, BANNER_TIMEOUT_MS);
      return child;
    },
    hello(credentials: Credentials, resumeToken?: string) {
      return TestClient.signIn(`ws://127.0.0.1:${port}/ws`, credentials, { resumeToken, timeoutMs: REPLY_TIMEOUT_MS, clients });
    },
    /** SIGKILL: no goodbye to anyone, nothing flushed on the way out. Resolves once every client has seen its socket drop. */
    async kill(child: ChildProcess): Promise<void> {
      const killed = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
      child.kill('SIGKILL');
      expect(await killed).toBe('SIGKILL');
      for (const client of clients) await withTimeout(client.closed, REPLY_TIMEOUT_MS, 'the killed server did not drop its sockets');
    },
    cleanUp(): void {
      for (const client of clients) client.socket.terminate();
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A process killed without warning (SIGKILL) and started again on the same data keeps every queue place. */
describe('server restart (SIGKILL) within the resume grace', () => {
  let server: Awaited<ReturnType<typeof restartableServer>> | undefined;
  afterAll(() => server?.cleanUp());

  it('keeps three queued kiosks in their order across a kill and restart', async () => {
    server = await restartableServer({
      sites: [{ id: 'site-1', name: 'Restart test site' }],
      kiosks: KIOSKS.map((k) => ({ id: k.id, siteId: 'site-1', tokenSha256: hashKioskToken(k.token) })),
      agents: [],
      resumeGraceMs: 60_000,
    });
    const credentials = (kiosk: (typeof KIOSKS)[number]): Credentials => ({ role: 'kiosk', kioskId: kiosk.id, token: kiosk.token });

    const first = await server.start();
    const queued: { token: string; ticketId: string }[] = [];
    for (const [index, kiosk] of KIOSKS.entries()) {
      const { client, welcome } = await server.hello(credentials(kiosk));
      client.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
      const status = await client.next('queue.status', REPLY_TIMEOUT_MS);
      expect(status.position).toBe(index + 1);
      queued.push({ token: welcome.resumeToken ?? '', ticketId: status.ticketId });
    }

    await server.kill(first);
    await server.start();
    // They come back in a different order than they joined; each keeps its place and ticket.
    const results: Record<string, { resumed: boolean | undefined; position: number; ticketId: string }> = {};
    for (const index of [2, 0, 1]) {
      const kiosk = KIOSKS[index]!;
      const { client, welcome } = await server.hello(credentials(kiosk), queued[index]!.token);
      const status = await client.next('queue.status', REPLY_TIMEOUT_MS);
      results[kiosk.id] = { resumed: welcome.resumed, position: status.position, ticketId: status.ticketId };
    }
    expect(results).toEqual({
      'kiosk-1': { resumed: true, position: 1, ticketId: queued[0]!.ticketId },
      'kiosk-2': { resumed: true, position: 2, ticketId: queued[1]!.ticketId },
      'kiosk-3': { resumed: true, position: 3, ticketId: queued[2]!.ticketId },
    });
  });
});

/**
 * A call in progress when the process dies: the media is peer to peer and carries on; the server,
 * started again on its data, takes both parties back into the same call (the agent's console with
 * the session token it holds, kept as a digest in SQLite), relays their signals, and the call's
 * record ends as it would have without the crash. Killed again during the wrap-up, the agent
 * comes back to it and the outcome is recorded.
 */
describe('server restart (SIGKILL) during a call', () => {
  let server: Awaited<ReturnType<typeof restartableServer>> | undefined;
  afterAll(() => server?.cleanUp());

  it('takes the kiosk and the agent back into their call, relays both ways, and keeps its record and the wrap-up', async () => {
    server = await restartableServer({ ...testConfigInput(), resumeGraceMs: 60_000 });
    const kioskCredentials: Credentials = { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] };
    const agentCredentials: Credentials = { role: 'agent', username: 'alice', password: TEST_AGENTS.alice.password };

    const first = await server.start();
    const kiosk = await server.hello(kioskCredentials);
    const agent = await server.hello(agentCredentials);
    agent.client.send({ type: 'presence.set', status: 'available' });
    kiosk.client.send({ type: 'queue.join', serviceLine: 'pensions', language: 'en' });
    agent.client.send({ type: 'call.accept', offerId: (await agent.client.next('call.offer', REPLY_TIMEOUT_MS)).offerId });
    const { callId } = await kiosk.client.next('call.start', REPLY_TIMEOUT_MS);
    expect((await agent.client.next('call.start', REPLY_TIMEOUT_MS)).callId).toBe(callId);
    expect(kiosk.welcome.resumeToken && agent.welcome.resumeToken && agent.welcome.sessionToken).toBeTruthy();

    await server.kill(first);
    const second = await server.start();
    const kioskBack = await server.hello(kioskCredentials, kiosk.welcome.resumeToken);
    // As the console reconnects: with the session token of its sign-in, not the password it never keeps.
    const agentBack = await server.hello({ role: 'agent', sessionToken: agent.welcome.sessionToken ?? '' }, agent.welcome.resumeToken);
    expect([kioskBack.welcome.resumed, agentBack.welcome.resumed]).toEqual([true, true]);

    // Signals flow both ways in the same call, as an ICE restart after the outage would need.
    kioskBack.client.send({ type: 'signal', callId, data: { from: 'kiosk' } });
    expect(await agentBack.client.next('signal', REPLY_TIMEOUT_MS)).toMatchObject({ callId, data: { from: 'kiosk' } });
    agentBack.client.send({ type: 'signal', callId, data: { from: 'agent' } });
    expect(await kioskBack.client.next('signal', REPLY_TIMEOUT_MS)).toMatchObject({ callId, data: { from: 'agent' } });

    agentBack.client.send({ type: 'call.end', callId });
    expect(await kioskBack.client.next('call.ended', REPLY_TIMEOUT_MS)).toMatchObject({ callId, reason: 'agent-ended' });
    expect(await agentBack.client.nextMatching((m) => m.type === 'presence.status' && m.state === 'wrap-up', REPLY_TIMEOUT_MS)).toBeTruthy();

    // Killed again while the agent is choosing the outcome: the wrap-up is kept, and the outcome recorded after.
    await server.kill(second);
    const third = await server.start();
    const agentAgain = await server.hello({ role: 'agent', sessionToken: agent.welcome.sessionToken ?? '' }, agentBack.welcome.resumeToken);
    expect(agentAgain.welcome.resumed).toBe(true);
    expect(await agentAgain.client.next('presence.status', REPLY_TIMEOUT_MS)).toMatchObject({ state: 'wrap-up' });
    agentAgain.client.send({ type: 'call.wrapup', callId, outcome: 'resolved' });
    expect(await agentAgain.client.nextMatching((m) => m.type === 'presence.status' && m.state === 'available', REPLY_TIMEOUT_MS)).toBeTruthy();

    // The record, read from the data folder once the server has stopped: one visit, its call, ended by the agent, with its outcome.
    const stopped = new Promise<number | null>((done) => third.once('exit', (code) => done(code)));
    third.kill('SIGTERM');
    expect(await stopped).toBe(0);
    const store = openSqliteStore(server.dataDir);
    try {
      expect(store.listVisits()).toEqual([expect.objectContaining({ callId, endReason: 'agent-ended', outcome: 'resolved' })]);
    } finally {
      store.close();
    }
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
