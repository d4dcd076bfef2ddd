import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_ENV_VAR, configPath, loadKioskConfig, parseKioskConfig } from './index.js';

const good = { serverUrl: 'wss://signaling.example.ca/ws', kioskId: 'snb-fredericton-01', token: 'k-0123456789abcdef' };
const SOURCE = '/etc/kiosk.json';

function messageFor(data: unknown): string {
  const result = parseKioskConfig(data, SOURCE);
  if (result.ok) throw new Error('expected a bad config');
  return result.message;
}

describe('parseKioskConfig', () => {
  it('accepts a good config', () => {
    expect(parseKioskConfig(good, SOURCE)).toEqual({ ok: true, config: good });
  });

  it.each(['ws://localhost:8080/ws', 'ws://127.0.0.1:8080', 'ws://[::1]:8080'])('accepts %s (loopback)', (serverUrl) => {
    expect(parseKioskConfig({ ...good, serverUrl }, SOURCE).ok).toBe(true);
  });

  it('refuses ws:// off localhost and says why', () => {
    expect(messageFor({ ...good, serverUrl: 'ws://signaling.example.ca/ws' })).toBe(
      `kiosk config ${SOURCE}: serverUrl: must be wss:// except on localhost (ws:// is allowed only for localhost or 127.0.0.1)`,
    );
  });

  it.each([
    ['serverUrl', { serverUrl: 'https://signaling.example.ca' }],
    ['serverUrl', { serverUrl: 'not a url' }],
    ['serverUrl', { serverUrl: 42 }],
    ['kioskId', { kioskId: '' }],
    ['kioskId', { kioskId: 'has spaces' }],
    ['token', { token: 'short' }],
    ['kioskUrl', { kioskUrl: 'http://example.ca/kiosk/index.html' }],
    ['kioskUrl', { kioskUrl: 'file:///tmp/index.html' }],
  ])('names the bad field %s', (field, patch) => {
    expect(messageFor({ ...good, ...patch })).toMatch(new RegExp(`^kiosk config ${SOURCE}: ${field}: `));
  });

  it('names each missing field', () => {
    const message = messageFor({});
    for (const field of ['serverUrl', 'kioskId']) expect(message).toContain(`${field}: `);
  });

  it('takes an enrolment code instead of a token, or neither once enrolled, but never both', () => {
    const { token: _token, ...withoutToken } = good;
    expect(parseKioskConfig({ ...withoutToken, enrolmentCode: 'ABCDE-FGHJK' }, SOURCE)).toEqual({
      ok: true,
      config: { ...withoutToken, enrolmentCode: 'ABCDE-FGHJK' },
    });
    expect(parseKioskConfig(withoutToken, SOURCE).ok).toBe(true);
    expect(messageFor({ ...good, enrolmentCode: 'ABCDE-FGHJK' })).toBe(`kiosk config ${SOURCE}: enrolmentCode: give either token or enrolmentCode, not both`);
    expect(messageFor({ ...withoutToken, enrolmentCode: 'x' })).toMatch(/enrolmentCode: /);
  });

  it('refuses unknown keys, so a misspelt setting is not silently ignored', () => {
    expect(messageFor({ ...good, serverURL: 'wss://x' })).toContain('serverURL');
  });

  it('accepts a development kioskUrl on loopback or https', () => {
    expect(parseKioskConfig({ ...good, kioskUrl: 'http://localhost:5173/kiosk/index.html' }, SOURCE).ok).toBe(true);
    expect(parseKioskConfig({ ...good, kioskUrl: 'https://kiosk.example.ca/' }, SOURCE).ok).toBe(true);
  });
});

describe('loadKioskConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads <userData>/kiosk.json by default and KIOSK_CONFIG when set', () => {
    expect(configPath({ env: {}, userDataDir: '/data' })).toBe(join('/data', 'kiosk.json'));
    expect(configPath({ env: { [CONFIG_ENV_VAR]: '/etc/k.json' }, userDataDir: '/data' })).toBe('/etc/k.json');
  });

  it('loads a good file', () => {
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify(good));
    expect(loadKioskConfig({ env: {}, userDataDir: dir })).toEqual({ ok: true, config: good });
  });

  it('names the path and field of a bad file', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...good, serverUrl: 'ws://example.ca' }));
    const result = loadKioskConfig({ env: { KIOSK_CONFIG: path }, userDataDir: dir });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^kiosk config ${path}: serverUrl: must be wss:// except on localhost`)) });
  });

  it('explains a missing file and invalid JSON', () => {
    expect(loadKioskConfig({ env: {}, userDataDir: join(dir, 'nowhere') })).toEqual({
      ok: false,
      message: `kiosk config ${join(dir, 'nowhere', 'kiosk.json')}: file not found (set KIOSK_CONFIG or create it)`,
    });
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ serverUrl: ');
    expect(loadKioskConfig({ env: { KIOSK_CONFIG: path }, userDataDir: dir })).toEqual({ ok: false, message: `kiosk config ${path}: not valid JSON` });
  });

  it('never puts the token in a message', () => {
    const result = parseKioskConfig({ ...good, serverUrl: 'ws://example.ca' }, SOURCE);
    expect(result.ok ? '' : result.message).not.toContain(good.token);
  });
});
