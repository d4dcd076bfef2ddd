import { z } from 'zod';
import { EnrolmentCodeInput, KioskCredentials } from '../../protocol/index.js';

/** Hosts where an unencrypted ws:// or http:// URL is acceptable: the traffic never leaves the machine. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The signaling server: wss:// always, ws:// only on loopback (development and tests). */
const ServerUrl = z.string().superRefine((text, ctx) => {
  const url = tryUrl(text);
  if (!url) return void ctx.addIssue({ code: 'custom', message: 'must be a URL such as wss://signaling.example.ca/ws' });
  if (url.protocol === 'wss:') return;
  if (url.protocol === 'ws:' && isLoopback(url)) return;
  if (url.protocol === 'ws:') return void ctx.addIssue({ code: 'custom', message: 'must be wss:// except on localhost (ws:// is allowed only for localhost or 127.0.0.1)' });
  ctx.addIssue({ code: 'custom', message: 'must be a wss:// URL (ws:// only for localhost or 127.0.0.1)' });
});

/** Development override of the page the window loads (e.g. the Vite dev server). https, or http on loopback. */
const KioskUrl = z.string().superRefine((text, ctx) => {
  const url = tryUrl(text);
  if (!url) return void ctx.addIssue({ code: 'custom', message: 'must be a URL such as http://localhost:5173/kiosk/index.html' });
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url)) return;
  ctx.addIssue({ code: 'custom', message: 'must be https://, or http:// on localhost or 127.0.0.1' });
});

/**
 * The kiosk config file. Strict: a misspelt key is an error, not a silently ignored setting.
 * Credentials: either `token` (installed by hand; legacy and demo) or `enrolmentCode` (exchanged once
 * for a device secret kept with safeStorage, docs/electron.md), or neither once the kiosk has enrolled.
 */
export const KioskConfig = z
  .strictObject({
    serverUrl: ServerUrl,
    kioskId: KioskCredentials.shape.kioskId,
    token: KioskCredentials.shape.token.optional(),
    enrolmentCode: EnrolmentCodeInput.optional(),
    kioskUrl: KioskUrl.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.token !== undefined && config.enrolmentCode !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['enrolmentCode'], message: 'give either token or enrolmentCode, not both' });
    }
  });
export type KioskConfig = z.infer<typeof KioskConfig>;

export type ConfigResult = { ok: true; config: KioskConfig } | { ok: false; message: string };

/** "serverUrl: must be wss:// …; token: Too small …" — names each bad field so an installer can fix the file. */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`).join('; ');
}

/** Validates already-parsed JSON; `source` (the file path or env name) prefixes every message. */
export function parseKioskConfig(data: unknown, source: string): ConfigResult {
  const result = KioskConfig.safeParse(data);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, message: `kiosk config ${source}: ${describeConfigIssues(result.error.issues)}` };
}
