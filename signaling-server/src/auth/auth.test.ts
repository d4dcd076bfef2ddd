import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fakeClock.js';
import { generateKioskToken, hashKioskToken, verifyKioskToken } from './kioskTokens.js';
import { hashPassword, verifyPassword, verifyPasswordAsync } from './passwords.js';
import { parseConfig } from '../config.js';
import { TEST_AGENTS, testConfigInput } from '../testing/testServer.js';
import { Authenticator } from './authenticator.js';
import { createMemorySessionTokenStore } from './sessionTokenStore.js';
import { SESSION_TOKEN_TTL_MS, SessionTokens } from './sessionTokens.js';

describe('password hashing', () => {
  it('produces a self-describing scrypt string with a fresh salt each time', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and rejects a wrong one', () => {
    const hash = hashPassword('correct horse');
    expect(verifyPassword('correct horse', hash)).toBe(true);
    expect(verifyPassword('correct horsE', hash)).toBe(false);
    expect(verifyPassword('', hash)).toBe(false);
  });

  it('gives the same answers off the event loop (verifyPasswordAsync), never a rejection', async () => {
    const hash = hashPassword('correct horse');
    const cases: [string, string][] = [
      ['correct horse', hash],
      ['correct horsE', hash],
      ['', hash],
      ['x', 'not-a-hash'],
      ['x', 'scrypt$1048577$8$1$AAAA$AAAA'],
      ['x', 'scrypt$3$8$1$AAAA$AAAA'], // N not a power of two: scrypt itself refuses it
    ];
    for (const [password, stored] of cases) {
      expect(await verifyPasswordAsync(password, stored), `${password} against ${stored.slice(0, 20)}`).toBe(verifyPassword(password, stored));
    }
    expect(await verifyPasswordAsync('correct horse', hash)).toBe(true);
  });

  it('returns false, never throws, for malformed or abusive stored hashes', () => {
    expect(verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(verifyPassword('x', 'bcrypt$1$2$3$aa$bb')).toBe(false);
    expect(verifyPassword('x', 'scrypt$abc$8$1$aa$bb')).toBe(false);
    expect(verifyPassword('x', `scrypt$${2 ** 30}$8$1$aa$bb`)).toBe(false);
    expect(verifyPassword('x', 'scrypt$16384$8$1$aa$')).toBe(false);
  });
});

describe('kiosk tokens', () => {
  it('hash to sha256 hex and verify timing-safely', () => {
    const token = generateKioskToken();
    expect(token.length).toBeGreaterThanOrEqual(40);
    const digest = hashKioskToken(token);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKioskToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(verifyKioskToken(token, digest)).toBe(true);
    expect(verifyKioskToken(`${token}x`, digest)).toBe(false);
    expect(verifyKioskToken(token, 'short')).toBe(false);
  });
});

describe('session tokens', () => {
  it('resolve to the person and role until they expire after 12 hours', () => {
    const clock = new FakeClock();
    const sessions = new SessionTokens(clock);
    const token = sessions.issue({ role: 'agent', id: 'agent-1', stamp: 'p1' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.resolve(token)).toEqual({ role: 'agent', id: 'agent-1', stamp: 'p1' });
    expect(sessions.resolve('nope-nope-nope')).toBeUndefined();
    clock.advance(SESSION_TOKEN_TTL_MS - 1);
    expect(sessions.resolve(token)).toEqual({ role: 'agent', id: 'agent-1', stamp: 'p1' });
    clock.advance(1);
    expect(sessions.resolve(token)).toBeUndefined();
  });

  it('are let go once expired, as new ones are issued, and the live ones stay', () => {
    const clock = new FakeClock();
    const sessions = new SessionTokens(clock);
    for (let i = 0; i < 3; i++) sessions.issue({ role: 'agent', id: `early-${i}`, stamp: 'p1' });
    clock.advance(60 * 60 * 1000);
    const later = [sessions.issue({ role: 'agent', id: 'later-0', stamp: 'p1' }), sessions.issue({ role: 'agent', id: 'later-1', stamp: 'p1' })];
    clock.advance(SESSION_TOKEN_TTL_MS - 60 * 60 * 1000);
    expect(sessions.size).toBe(5);
    sessions.issue({ role: 'staff', id: 'staff-1', stamp: 'p1' });
    expect(sessions.size).toBe(3);
    expect(later.map((token) => sessions.resolve(token)?.id)).toEqual(['later-0', 'later-1']);
  });

  it('are revoked per person, leaving everyone else signed in', () => {
    const sessions = new SessionTokens(new FakeClock());
    const staff = sessions.issue({ role: 'staff', id: 'staff-1', stamp: 'p1' });
    const again = sessions.issue({ role: 'staff', id: 'staff-1', stamp: 'p1' });
    const admin = sessions.issue({ role: 'admin', id: 'admin-1', stamp: 'p1' });
    expect(sessions.revokePerson('staff-1')).toBe(2);
    expect(sessions.resolve(staff)).toBeUndefined();
    expect(sessions.resolve(again)).toBeUndefined();
    expect(sessions.resolve(admin)).toEqual({ role: 'admin', id: 'admin-1', stamp: 'p1' });
  });

  describe('with a store, across a restart', () => {
    it('resolve in the next process as in the one that issued them, and keep expiring on time', () => {
      const clock = new FakeClock();
      const store = createMemorySessionTokenStore();
      const token = new SessionTokens(clock, SESSION_TOKEN_TTL_MS, store).issue({ role: 'agent', id: 'agent-1', stamp: 'p1' });
      clock.advance(SESSION_TOKEN_TTL_MS - 1);
      const restarted = new SessionTokens(clock, SESSION_TOKEN_TTL_MS, store);
      expect(restarted.resolve(token)).toEqual({ role: 'agent', id: 'agent-1', stamp: 'p1' });
      clock.advance(1);
      expect(restarted.resolve(token)).toBeUndefined();
      expect(store.load(0)).toEqual([]);
    });

    it('keep a logout: the person’s tokens open nothing after a restart', () => {
      const clock = new FakeClock();
      const store = createMemorySessionTokenStore();
      const sessions = new SessionTokens(clock, SESSION_TOKEN_TTL_MS, store);
      const staff = sessions.issue({ role: 'staff', id: 'staff-1', stamp: 'p1' });
      const agent = sessions.issue({ role: 'agent', id: 'agent-1', stamp: 'p1' });
      sessions.revokePerson('staff-1');
      const restarted = new SessionTokens(clock, SESSION_TOKEN_TTL_MS, store);
      expect(restarted.resolve(staff)).toBeUndefined();
      expect(restarted.resolve(agent)).toEqual({ role: 'agent', id: 'agent-1', stamp: 'p1' });
    });

    it('keep only the token’s digest, and forget the expired ones as new ones are issued', () => {
      const clock = new FakeClock();
      const store = createMemorySessionTokenStore();
      const sessions = new SessionTokens(clock, SESSION_TOKEN_TTL_MS, store);
      const early = sessions.issue({ role: 'agent', id: 'early', stamp: 'p1' });
      expect(store.load(clock.now())).toEqual([{ digest: expect.stringMatching(/^[0-9a-f]{64}$/), role: 'agent', id: 'early', stamp: 'p1', expiresAt: clock.now() + SESSION_TOKEN_TTL_MS }]);
      expect(JSON.stringify(store.load(clock.now()))).not.toContain(early);
      clock.advance(SESSION_TOKEN_TTL_MS);
      sessions.issue({ role: 'agent', id: 'later', stamp: 'p1' });
      expect(store.load(0).map((kept) => kept.id)).toEqual(['later']);
    });
  });
});

describe('a session token after a restart (the authenticator over a kept store)', () => {
  const signIn = async (authenticator: Authenticator): Promise<string> => {
    const signedIn = await authenticator.authenticatePassword({ role: 'agent', username: 'alice', password: TEST_AGENTS.alice.password });
    if (!signedIn || signedIn.role !== 'agent') throw new Error('alice did not sign in');
    return signedIn.sessionToken;
  };

  it('opens the same person’s session in the next process, with the same config', async () => {
    const clock = new FakeClock();
    const store = createMemorySessionTokenStore();
    const config = parseConfig(testConfigInput());
    const token = await signIn(new Authenticator(config, clock, undefined, store));
    const restarted = new Authenticator(config, clock, undefined, store);
    expect(restarted.authenticate({ role: 'agent', sessionToken: token })).toMatchObject({ role: 'agent', agent: { id: TEST_AGENTS.alice.id } });
    // Still only the role it was issued for.
    expect(restarted.authenticate({ role: 'staff', sessionToken: token })).toBeUndefined();
  });

  it('opens nothing once the person’s password was changed in the config', async () => {
    const clock = new FakeClock();
    const store = createMemorySessionTokenStore();
    const token = await signIn(new Authenticator(parseConfig(testConfigInput()), clock, undefined, store));
    const changed = testConfigInput();
    changed.agents = changed.agents?.map((agent) => (agent.username === 'alice' ? { ...agent, passwordHash: hashPassword('a new password for alice') } : agent));
    const restarted = new Authenticator(parseConfig(changed), clock, undefined, store);
    expect(restarted.authenticate({ role: 'agent', sessionToken: token })).toBeUndefined();
  });
});
