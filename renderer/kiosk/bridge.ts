import { z } from 'zod';
import type { KioskApi } from '../../main/preload/api.js';
import { Id, parse } from '../../protocol/index.js';
import { sameOriginSignalingUrl } from '../shared/net/signalingClient.js';

declare global {
  interface Window {
    /** Present only inside the Electron kiosk (see main/preload). */
    kiosk?: KioskApi;
  }
}

/** The kiosk's view of its host: Electron's preload (`window.kiosk`) or, in a plain browser, a stand-in. */
export interface KioskBridge {
  getConfig(): Promise<KioskConfig>;
  /** Wipes what the visit may have left in the browser profile; called on the way back to welcome. */
  endVisit(): Promise<void>;
  /** Layout checks (tests, demos): browser mode only; Electron's kiosk never turns them on. */
  testDisplay: TestDisplay;
}

/**
 * Switches for layout tests and demos, from the browser-mode fragment: `pseudo=1` shows every
 * string in the pseudo-locale (renderer/shared/i18n/pseudoLocale.ts), `dir=rtl` lays the page
 * out right to left. Neither is a visitor-facing feature.
 */
export interface TestDisplay {
  pseudoLocale: boolean;
  rtl: boolean;
}
const NO_TEST_DISPLAY: TestDisplay = { pseudoLocale: false, rtl: false };

/** Even our own preload crosses a trust boundary: its answer is parsed, not believed. */
export const KioskConfig = z.object({
  serverUrl: z
    .string()
    .max(2048)
    .regex(/^wss?:\/\/[^\s]+$/, 'a ws:// or wss:// URL'),
  kioskId: Id,
  token: z.string().min(8).max(256),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export class BridgeError extends Error {
  constructor(
    readonly code: 'KIOSK_CONFIG_INVALID' | 'KIOSK_NOT_CONFIGURED',
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** The parts of `window` the bridge needs, so it can be tested without a DOM. */
export interface BridgeHost {
  kiosk?: KioskApi;
  location: { protocol: string; host: string; hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  localStorage: { clear(): void };
  sessionStorage: { clear(): void };
  /** Absent where the host has none (and in the unit tests that do not need it). */
  indexedDB?: { databases(): Promise<{ name?: string }[]>; deleteDatabase(name: string): unknown };
  document?: { cookie: string };
}

/** Expires every cookie the page can see (script-visible ones: the app sets none, a page it loads might). */
function clearCookies(doc: { cookie: string }): void {
  for (const pair of doc.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

/** Deletes every IndexedDB database of this origin; waits for each deletion to be asked, not to finish. */
async function clearIndexedDb(idb: NonNullable<BridgeHost['indexedDB']>): Promise<void> {
  for (const { name } of await idb.databases()) if (name) idb.deleteDatabase(name);
}

async function parsedConfig(source: () => Promise<unknown>): Promise<KioskConfig> {
  const result = parse(KioskConfig, await source());
  if (!result.ok) throw new BridgeError('KIOSK_CONFIG_INVALID', `kiosk configuration rejected: ${result.message}`);
  return result.value;
}

/**
 * Browser mode (demo, end-to-end tests): the page is opened as `/kiosk/#kioskId=…&token=…`.
 * The hash is read once and erased from the address bar at once, so the token does not
 * linger in history or on screen; it is kept only in this closure.
 */
function createBrowserStandIn(host: BridgeHost): KioskBridge {
  const params = new URLSearchParams(host.location.hash.replace(/^#/, ''));
  const fromHash = { kioskId: params.get('kioskId'), token: params.get('token') };
  const testDisplay: TestDisplay = { pseudoLocale: params.get('pseudo') === '1', rtl: params.get('dir') === 'rtl' };
  if (host.location.hash) host.history.replaceState(null, '', `${host.location.pathname}${host.location.search}`);
  return {
    getConfig: () => {
      if (!fromHash.kioskId || !fromHash.token) {
        return Promise.reject(new BridgeError('KIOSK_NOT_CONFIGURED', 'open the kiosk page as /kiosk/#kioskId=…&token=…'));
      }
      return parsedConfig(async () => ({ ...fromHash, serverUrl: sameOriginSignalingUrl(host.location) }));
    },
    // Electron wipes the whole session partition (main/); a plain browser can only wipe what a page reaches.
    endVisit: async () => {
      host.localStorage.clear();
      host.sessionStorage.clear();
      if (host.document) clearCookies(host.document);
      if (host.indexedDB) await clearIndexedDb(host.indexedDB);
    },
    testDisplay,
  };
}

export function createBridge(host: BridgeHost): KioskBridge {
  const api = host.kiosk;
  if (!api) return createBrowserStandIn(host);
  return {
    getConfig: () => parsedConfig(() => api.getConfig()),
    endVisit: () => api.endVisit(),
    testDisplay: NO_TEST_DISPLAY,
  };
}
