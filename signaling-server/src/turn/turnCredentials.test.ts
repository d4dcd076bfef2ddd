import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../protocol/index.js';
import { parseConfig } from '../config.js';
import { FakeClock } from '../testing/fakeClock.js';
import { startTestServer, testConfigInput, TEST_KIOSK_TOKENS, type TestServer } from '../testing/testServer.js';
import { DEFAULT_TURN_TTL_SECONDS, TurnConfig } from './turnConfig.js';
import { iceSettingsFor, mintTurnCredentials } from './turnCredentials.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const NOW_MS = 1_700_000_000_123; // 2023-11-14T22:13:20.123Z
const turn = TurnConfig.parse({ secret: SECRET, urls: ['turn:127.0.0.1:3478', 'turns:turn.example.gc.ca:443?transport=tcp'] });

describe('TURN REST credentials', () => {
  it('puts the expiry (now + ttl, whole seconds) before the client id', () => {
    const { username, expiresAtMs } = mintTurnCredentials({ secret: SECRET, ttlSeconds: 3600 }, 'kiosk-1', NOW_MS);
    expect(username).toBe('1700003600:kiosk-1');
    expect(expiresAtMs).toBe(1_700_003_600_000);
  });

  it('signs the username with HMAC-SHA1 of the shared secret, in base64, as coturn checks it', () => {
    const { username, credential } = mintTurnCredentials({ secret: SECRET, ttlSeconds: 600 }, 'agent-7', NOW_MS);
    expect(username).toBe('1700000600:agent-7');
    expect(credential).toBe(createHmac('sha1', SECRET).update('1700000600:agent-7').digest('base64'));
    // A fixed vector too, so a change of algorithm or encoding cannot pass unnoticed.
    expect(mintTurnCredentials({ secret: 'north', ttlSeconds: 60 }, 'x', 0).credential).toBe(
      createHmac('sha1', 'north').update('60:x').digest('base64'),
    );
    expect(credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('gives different clients and different times different credentials', () => {
    const a = mintTurnCredentials(turn, 'kiosk-1', NOW_MS);
    const b = mintTurnCredentials(turn, 'kiosk-2', NOW_MS);
    const later = mintTurnCredentials(turn, 'kiosk-1', NOW_MS + 1000);
    expect(new Set([a.credential, b.credential, later.credential]).size).toBe(3);
  });

  it('appends one TURN entry after the static servers and forwards the policy', () => {
    const settings = iceSettingsFor(
      { iceServers: [{ urls: 'stun:stun.example.gc.ca:3478' }], turn, iceTransportPolicy: 'relay' },
      'kiosk-1',
      NOW_MS,
    );
    expect(settings).toEqual({
      iceServers: [
        { urls: 'stun:stun.example.gc.ca:3478' },
        {
          urls: ['turn:127.0.0.1:3478', 'turns:turn.example.gc.ca:443?transport=tcp'],
          username: `${Math.floor(NOW_MS / 1000) + DEFAULT_TURN_TTL_SECONDS}:kiosk-1`,
          credential: createHmac('sha1', SECRET).update(`${Math.floor(NOW_MS / 1000) + 3600}:kiosk-1`).digest('base64'),
        },
      ],
      iceTransportPolicy: 'relay',
    });
  });

  it('hands out only the static servers and no policy without a turn section', () => {
    expect(iceSettingsFor({ iceServers: [] }, 'kiosk-1', NOW_MS)).toEqual({ iceServers: [] });
  });
});

describe('turn configuration', () => {
  const base = () => testConfigInput();

  it('defaults the lifetime to an hour', () => {
    expect(parseConfig({ ...base(), turn: { secret: SECRET, urls: ['turn:t.example:3478'] } }).turn?.ttlSeconds).toBe(3600);
  });

  it.each([
    ['turn.secret', { turn: { secret: 'too-short', urls: ['turn:t.example:3478'] } }],
    ['turn.urls.0', { turn: { secret: SECRET, urls: ['https://t.example'] } }],
    ['turn.urls', { turn: { secret: SECRET, urls: [] } }],
    ['turn.ttlSeconds', { turn: { secret: SECRET, urls: ['turn:t.example'], ttlSeconds: 10 } }],
    ['turn.ttlSeconds', { turn: { secret: SECRET, urls: ['turn:t.example'], ttlSeconds: 7 * 86_400 } }],
    ['iceTransportPolicy', { iceTransportPolicy: 'never' }],
    // Relay-only without any relay: no call could ever connect.
    ['iceTransportPolicy', { iceTransportPolicy: 'relay', iceServers: [{ urls: 'stun:s.example' }] }],
  ])('names the bad field %s', (field, overrides) => {
    expect(() => parseConfig({ ...base(), ...overrides })).toThrowError(new RegExp(field.replace(/\./g, '\\.')));
  });

  it('accepts relay with a static turn: server', () => {
    const config = parseConfig({ ...base(), iceTransportPolicy: 'relay', iceServers: [{ urls: 'turn:t.example', username: 'u', credential: 'c' }] });
    expect(config.iceTransportPolicy).toBe('relay');
  });
});

describe('welcome over the wire', () => {
  let t: TestServer | undefined;
  afterEach(async () => t?.stop());

  it('gives each authenticated client its own credentials, dated by the server clock', async () => {
    const clock = new FakeClock(NOW_MS);
    t = await startTestServer({ clock, config: { turn: { secret: SECRET, urls: ['turn:127.0.0.1:3478'], ttlSeconds: 900 }, iceTransportPolicy: 'relay' } });
    const kiosk = await t.raw();
    kiosk.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: TEST_KIOSK_TOKENS['kiosk-a'] } });
    const welcome = await kiosk.next('welcome');
    const username = `${Math.floor(NOW_MS / 1000) + 900}:kiosk-a`;
    expect(welcome.iceTransportPolicy).toBe('relay');
    expect(welcome.iceServers).toEqual([
      { urls: ['turn:127.0.0.1:3478'], username, credential: createHmac('sha1', SECRET).update(username).digest('base64') },
    ]);

    clock.advance(60_000);
    const agent = await t.raw();
    agent.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'agent', username: 'alice', password: 'alice-password' } });
    const agentWelcome = await agent.next('welcome');
    expect(agentWelcome.iceServers[0]?.username).toBe(`${Math.floor(NOW_MS / 1000) + 60 + 900}:agent-1`);
  });

  it('mints fresh credentials for each side at call start, dated by the accept, not the welcome', async () => {
    const clock = new FakeClock(NOW_MS);
    const heartbeatIntervalMs = 10 * 60 * 1000;
    t = await startTestServer({ clock, config: { heartbeatIntervalMs, turn: { secret: SECRET, urls: ['turn:127.0.0.1:3478'], ttlSeconds: 900 } } });
    const kiosk = await t.kiosk('kiosk-a');
    const agent = await t.agent('alice');
    // Six hours later the welcome's credentials are long expired; the call must not use them.
    // Time moves one heartbeat at a time, and between beats both clients say something the server
    // answers: the heartbeat then counts them as heard from and sends no ping, so no pong can come
    // back too late (a fixed pause for the pongs once lost that race on a busy machine).
    for (let beat = 0; beat < 36; beat++) {
      clock.advance(heartbeatIntervalMs);
      kiosk.send({ type: 'device.status', camera: 'ok', microphone: 'ok', speaker: 'ok' });
      agent.send({ type: 'presence.set', status: 'available' });
      await Promise.all([kiosk.next('device.status.recorded'), agent.next('presence.status')]);
    }
    kiosk.send({ type: 'queue.join', serviceLine: 'passport', language: 'en' });
    const offer = await agent.next('call.offer');
    const expiry = Math.floor(NOW_MS / 1000) + 6 * 60 * 60 + 900;
    const kioskUser = `${expiry}:kiosk-a`;
    // The kiosk makes its connection ready while the console rings: with fresh credentials too.
    const ringing = await kiosk.next('call.ringing');
    expect(ringing.iceServers?.[0]?.username).toBe(kioskUser);
    agent.send({ type: 'call.accept', offerId: offer.offerId });
    const [atKiosk, atAgent] = await Promise.all([kiosk.next('call.start'), agent.next('call.start')]);
    expect(atKiosk.iceServers).toEqual([
      { urls: ['turn:127.0.0.1:3478'], username: kioskUser, credential: createHmac('sha1', SECRET).update(kioskUser).digest('base64') },
    ]);
    expect(atAgent.iceServers?.[0]?.username).toBe(`${expiry}:agent-1`);
  });

  it('says nothing about TURN to a client that fails to authenticate', async () => {
    t = await startTestServer({ config: { turn: { secret: SECRET, urls: ['turn:127.0.0.1:3478'] } } });
    const stranger = await t.raw();
    stranger.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: 'kiosk-a', token: 'wrong-token-0123456789' } });
    const error = await stranger.next('error');
    expect(error.code).toBe('AUTH_FAILED');
    expect(JSON.stringify(error)).not.toContain('turn:');
  });
});
