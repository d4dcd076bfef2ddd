import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashKioskToken } from './auth/kioskTokens.js';
import { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_OFFER_TIMEOUT_MS, loadConfig, parseConfig } from './config.js';
import { createDemoConfig } from './demoConfig.js';
import { verifyPassword } from './auth/passwords.js';

const DUMMY_HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const valid = () => ({
  sites: [{ id: 'site-1', name: 'Site' }],
  kiosks: [{ id: 'kiosk-1', siteId: 'site-1', tokenSha256: hashKioskToken('t') }],
  agents: [{ id: 'agent-1', username: 'a', passwordHash: DUMMY_HASH, languages: ['en'], serviceLines: ['pensions'] }],
});

describe('config validation', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('fills in defaults', () => {
    const config = parseConfig(valid());
    expect(config.iceServers).toEqual([]);
    expect(config.heartbeatIntervalMs).toBe(DEFAULT_HEARTBEAT_INTERVAL_MS);
    expect(config.offerTimeoutMs).toBe(DEFAULT_OFFER_TIMEOUT_MS);
  });

  it.each([
    ['kiosks.0.tokenSha256', (c: ReturnType<typeof valid>) => Object.assign(c.kiosks[0]!, { tokenSha256: 'plain-token' })],
    ['agents.0.languages.0', (c: ReturnType<typeof valid>) => Object.assign(c.agents[0]!, { languages: ['de'] })],
    ['agents.0.passwordHash', (c: ReturnType<typeof valid>) => Object.assign(c.agents[0]!, { passwordHash: 'hunter2' })],
    ['kiosks.0.siteId', (c: ReturnType<typeof valid>) => Object.assign(c.kiosks[0]!, { siteId: 'nowhere' })],
    ['heartbeatIntervalMs', (c: ReturnType<typeof valid>) => Object.assign(c, { heartbeatIntervalMs: 'often' })],
    ['sites', (c: ReturnType<typeof valid>) => Object.assign(c, { sites: undefined })],
  ])('names the bad field %s', (field, breakIt) => {
    const config = valid();
    breakIt(config);
    expect(() => parseConfig(config)).toThrowError(new RegExp(field.replace(/\./g, '\\.')));
  });

  it('flags duplicate ids', () => {
    const config = valid();
    config.agents.push({ ...config.agents[0]!, username: 'b' });
    expect(() => parseConfig(config)).toThrowError(/agents\.1\.id: duplicate id/);
  });

  it('takes interpreters, staff of a listed site and administrators, each list empty by default', () => {
    expect(parseConfig(valid())).toMatchObject({ interpreters: [], staff: [], administrators: [] });
    const config = parseConfig({
      ...valid(),
      interpreters: [{ id: 'i-1', username: 'i', passwordHash: DUMMY_HASH, languages: ['fr'], interpreterLanguages: ['iu'] }],
      staff: [{ id: 's-1', username: 's', passwordHash: DUMMY_HASH, siteId: 'site-1' }],
      administrators: [{ id: 'ad-1', username: 'ad', passwordHash: DUMMY_HASH }],
    });
    expect(config.staff[0]?.siteId).toBe('site-1');
    expect(() => parseConfig({ ...valid(), staff: [{ id: 's-1', username: 's', passwordHash: DUMMY_HASH, siteId: 'nowhere' }] })).toThrowError(
      /staff\.0\.siteId: unknown site "nowhere"/,
    );
    expect(() => parseConfig({ ...valid(), interpreters: [{ id: 'i-1', username: 'i', passwordHash: DUMMY_HASH, languages: ['fr'], interpreterLanguages: [] }] })).toThrowError(
      /interpreters\.0\.interpreterLanguages/,
    );
  });

  it('keeps usernames and ids unique across every list of people', () => {
    const sameUsername = { ...valid(), administrators: [{ id: 'ad-1', username: 'a', passwordHash: DUMMY_HASH }] };
    expect(() => parseConfig(sameUsername)).toThrowError(/administrators\.0\.username: duplicate username/);
    const sameId = { ...valid(), staff: [{ id: 'agent-1', username: 's', passwordHash: DUMMY_HASH, siteId: 'site-1' }] };
    expect(() => parseConfig(sameId)).toThrowError(/staff\.0\.id: duplicate id/);
  });

  it('lets a kiosk that enrols go without a config token', () => {
    const config = parseConfig({ ...valid(), kiosks: [{ id: 'kiosk-1', siteId: 'site-1' }] });
    expect(config.kiosks[0]?.tokenSha256).toBeUndefined();
  });

  it('loads a file and says which file and field are wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    dirs.push(dir);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(valid()));
    expect(loadConfig(good).kiosks[0]?.id).toBe('kiosk-1');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...valid(), offerTimeoutMs: -1 }));
    expect(() => loadConfig(bad)).toThrowError(/bad\.json.*offerTimeoutMs/);
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{ nope');
    expect(() => loadConfig(notJson)).toThrowError(/not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrowError(/Cannot read config file/);
  });

  it('makes demo configs with fresh working secrets every call', () => {
    const one = createDemoConfig();
    const two = createDemoConfig();
    expect(one.credentials.kioskToken).not.toBe(two.credentials.kioskToken);
    expect(one.credentials.agentPassword).not.toBe(two.credentials.agentPassword);
    expect(one.config.kiosks[0]?.tokenSha256).toBe(hashKioskToken(one.credentials.kioskToken));
    expect(verifyPassword(one.credentials.agentPassword, one.config.agents[0]?.passwordHash ?? '')).toBe(true);
    expect(one.config.agents[0]?.id).not.toBe(one.credentials.agentUsername);
    // One of each other person, with working passwords, the staff member at the demo site.
    const { interpreter, staff, admin } = one.credentials;
    expect(verifyPassword(interpreter.password, one.config.interpreters[0]?.passwordHash ?? '')).toBe(true);
    expect(verifyPassword(staff.password, one.config.staff[0]?.passwordHash ?? '')).toBe(true);
    expect(verifyPassword(admin.password, one.config.administrators[0]?.passwordHash ?? '')).toBe(true);
    expect(one.config.staff[0]?.siteId).toBe(one.config.sites[0]?.id);
    expect(staff.password).not.toBe(two.credentials.staff.password);
  });
});
