import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { DEFAULT_MESSAGE_BURST, DEFAULT_MESSAGES_PER_SECOND, resolveSecurityConfig } from './securityConfig.js';

const base = { sites: [], kiosks: [], agents: [] };

describe('security config', () => {
  it('fills every default when the section is absent or partial', () => {
    const security = resolveSecurityConfig(parseConfig(base).security);
    expect(security.rateLimits.messagesPerSecond).toBe(DEFAULT_MESSAGES_PER_SECOND);
    expect(security.rateLimits.messageBurst).toBe(DEFAULT_MESSAGE_BURST);
    expect(security).toMatchObject({ allowedOrigins: [], trustForwardedFor: false });
    expect(security.tls).toBeUndefined();
    const partial = resolveSecurityConfig(parseConfig({ ...base, security: { rateLimits: { messageBurst: 5 } } }).security);
    expect(partial.rateLimits).toMatchObject({ messageBurst: 5, messagesPerSecond: DEFAULT_MESSAGES_PER_SECOND });
  });

  it('names the bad field', () => {
    expect(() => parseConfig({ ...base, security: { allowedOrigins: ['https://ok.example/path'] } })).toThrow(/security\.allowedOrigins\.0/);
    expect(() => parseConfig({ ...base, security: { rateLimits: { messagesPerSecond: 0 } } })).toThrow(/security\.rateLimits\.messagesPerSecond/);
    expect(() => parseConfig({ ...base, security: { tls: { certFile: 'c.pem' } } })).toThrow(/security\.tls\.keyFile/);
  });
});
