import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import { MAX_FAILED_LOGINS } from './auth/loginLockout.js';
import { MAX_FRAMES_HELD_DURING_HELLO } from './connection/messagePipeline.js';
import { LOCKED_MESSAGE } from './security/helloGuard.js';
import { startTestServer, testConfigInput, type TestServer } from './testing/testServer.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** A stored hash that takes tens of milliseconds to check (N = 2^15, r = 8): long enough to see what waits for it. */
function slowHash(password: string): string {
  const [N, r, p] = [32_768, 8, 1];
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N, r, p, maxmem: 256 * N * r });
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** The test server with alice's password hash made slow. */
async function serverWithSlowAlice(): Promise<TestServer> {
  const base = testConfigInput();
  const agents = (base.agents ?? []).map((agent) => (agent.username === 'alice' ? { ...agent, passwordHash: slowHash('alice-password') } : agent));
  return startTestServer({ config: { agents } });
}

const passwordHello = (username: string, password: string) => ({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', username, password } });

describe('password sign-ins', () => {
  it('do not hold up the server: a kiosk is answered while an agent’s password is checked', async () => {
    t = await serverWithSlowAlice();
    const kiosk = await t.kiosk('kiosk-a');
    const agent = await t.raw();
    const order: string[] = [];
    const welcomed = agent.next('welcome').then(() => order.push('welcome'));
    agent.send(passwordHello('alice', 'alice-password'));
    // The hello is read first; its hash then takes tens of milliseconds off the event loop.
    await new Promise((done) => setTimeout(done, 10));
    const queued = kiosk.next('queue.status').then(() => order.push('queue.status'));
    kiosk.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    await Promise.all([welcomed, queued]);
    expect(order).toEqual(['queue.status', 'welcome']);
  });

  it('hold the frames sent after the hello until the welcome, then handle them in order', async () => {
    t = await serverWithSlowAlice();
    const agent = await t.raw();
    agent.send(passwordHello('alice', 'alice-password'));
    agent.send({ type: 'presence.set', status: 'available' });
    expect(await agent.next('welcome')).toMatchObject({ role: 'agent', clientId: 'agent-1' });
    expect(await agent.next('presence.status')).toEqual({ type: 'presence.status', state: 'away' });
    expect(await agent.next('presence.status')).toEqual({ type: 'presence.status', state: 'available' });
    expect(agent.unread('error')).toEqual([]);
  });

  it('answer a second hello sent before the welcome with ALREADY_AUTHENTICATED, after it', async () => {
    t = await serverWithSlowAlice();
    const agent = await t.raw();
    agent.send(passwordHello('alice', 'alice-password'));
    agent.send(passwordHello('alice', 'alice-password'));
    await agent.next('welcome');
    expect(await agent.next('error')).toMatchObject({ code: 'ALREADY_AUTHENTICATED', inReplyTo: 'hello' });
  });

  it('close a client that floods while its password is checked', async () => {
    t = await serverWithSlowAlice();
    const agent = await t.raw();
    const closed = new Promise<number>((done) => agent.socket.once('close', (code) => done(code)));
    agent.send(passwordHello('alice', 'alice-password'));
    for (let i = 0; i <= MAX_FRAMES_HELD_DURING_HELLO; i++) agent.send({ type: 'presence.set', status: 'available' });
    expect(await agent.next('error')).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await closed).toBe(4429);
  });

  it(`are checked one at a time: ${MAX_FAILED_LOGINS + 1} wrong passwords sent at once are ${MAX_FAILED_LOGINS} refusals and a lock`, async () => {
    t = await startTestServer();
    const clients = await Promise.all(Array.from({ length: MAX_FAILED_LOGINS + 1 }, () => t!.raw()));
    for (const client of clients) client.send(passwordHello('bruno', 'not-his-password'));
    const answers = await Promise.all(clients.map((client) => client.next('error')));
    const locked = answers.filter((answer) => answer.message === LOCKED_MESSAGE);
    expect(answers.every((answer) => answer.code === 'AUTH_FAILED')).toBe(true);
    expect(locked).toHaveLength(1);
    // The lock holds for the right password too.
    const late = await t.raw();
    late.send(passwordHello('bruno', 'bruno-password'));
    expect(await late.next('error')).toMatchObject({ code: 'AUTH_FAILED', message: LOCKED_MESSAGE });
  });

  it('give no session to a client that left while its password was checked', async () => {
    t = await serverWithSlowAlice();
    const leaving = await t.raw();
    leaving.send(passwordHello('alice', 'alice-password'));
    await new Promise((done) => setTimeout(done, 5));
    leaving.socket.terminate();
    // Sign-ins are checked one at a time: once bruno is in, alice's check is over.
    await t.agent('bruno');
    const sessions = t.store.live?.load().sessions ?? [];
    expect(sessions.map((session) => session.partyId)).toEqual(['agent-2']);
    // Alice signs in again as usual, and was not locked for it.
    await t.agent('alice');
  });
});
