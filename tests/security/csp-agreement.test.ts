import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIOSK_CSP } from '../../main/security/csp.js';
import { CONTENT_SECURITY_POLICY } from '../../signaling-server/src/http/securityHeaders.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = ['kiosk', 'agent', 'staff'] as const;
/** Directives a <meta> CSP cannot carry (browsers ignore them there); the server's header adds them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** "a b; c d" → { a: "b", c: "d" }, whitespace normalised, so order and spacing do not count. */
function directives(policy: string): Record<string, string> {
  const entries = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0])
    .map(([name, ...values]) => [name!, values.join(' ')] as const);
  return Object.fromEntries(entries);
}

function metaPolicy(page: string): string {
  const html = readFileSync(join(ROOT, 'renderer', page, 'index.html'), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error(`renderer/${page}/index.html has no Content-Security-Policy meta tag`);
  return match[1]!;
}

/**
 * The policy is written three times: Electron's app:// header (main/, which may not import the
 * server), the server's header for browsers, and each page's <meta> (for the kiosk opened from
 * disk). They cannot share code, so this test keeps them from drifting apart.
 */
describe('one Content-Security-Policy, written in three places', () => {
  it('the kiosk page carries exactly the policy Electron sends for it', () => {
    expect(directives(metaPolicy('kiosk'))).toEqual(directives(KIOSK_CSP));
  });

  it.each(PAGES)('the %s page allows nothing the kiosk policy does not (it may leave a directive to default-src)', (page) => {
    const kiosk = directives(KIOSK_CSP);
    const own = directives(metaPolicy(page));
    expect(own['default-src']).toBe(kiosk['default-src']);
    for (const [name, value] of Object.entries(own)) expect(value, `${page}: ${name}`).toBe(kiosk[name]);
  });

  it('the server header says the same for every directive the pages have, and only tightens beyond them', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const pages = directives(KIOSK_CSP);
    for (const [name, value] of Object.entries(pages)) expect(header[name], name).toBe(value);
    for (const [name, value] of Object.entries(header)) {
      if (name in pages) continue;
      // Extra directives may only forbid: 'none', or 'self' for form targets.
      expect(HEADER_ONLY.has(name) || value === "'none'" || value === "'self'", `${name} ${value}`).toBe(true);
    }
  });

  it('keeps scripts to our own files: no inline script, no eval', () => {
    for (const policy of [KIOSK_CSP, CONTENT_SECURITY_POLICY, ...PAGES.map(metaPolicy)]) {
      expect(directives(policy)['script-src']).toBe("'self'");
    }
  });
});
