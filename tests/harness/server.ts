import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createServer,
  hashKioskToken,
  hashPassword,
  createLogger,
  openSqliteStore,
  silentLogger,
  type ServerConfig,
} from '../../signaling-server/src/index.js';

export const SITE_ID = 'snb-test-site';
export const KIOSK = { id: 'kiosk-test-1', token: 'kiosk-token-0123456789abcdef' };
export const AGENT = { id: 'agent-test-1', username: 'agent.fr', password: 'correct horse battery' };
/** A pensions colleague, for warm transfers (tests/e2e/call-party.test.ts). */
export const AGENT_B = { id: 'agent-test-2', username: 'agent.pensions', displayName: 'Marie T.', password: 'correct horse staple' };
/** An Inuktitut interpreter who speaks both official languages. */
export const INTERPRETER = { id: 'interp-test-1', username: 'interp.iu', password: 'correct horse lantern' };

/** Config overrides that add the pensions colleague and the interpreter to the test agent. */
export function withColleagueAndInterpreter(): Partial<ServerConfig> {
  return {
    agents: [
      // The test agent also works with Inuktitut interpreters: visitors who ask for one reach them.
      { ...testAgentConfig(), interpreterLanguages: ['iu'] },
      {
        id: AGENT_B.id,
        username: AGENT_B.username,
        displayName: AGENT_B.displayName,
        passwordHash: hashPassword(AGENT_B.password),
        languages: ['en', 'fr'],
        serviceLines: ['pensions'],
      },
    ],
    interpreters: [
      { id: INTERPRETER.id, username: INTERPRETER.username, passwordHash: hashPassword(INTERPRETER.password), languages: ['en', 'fr'], interpreterLanguages: ['iu'] },
    ],
  };
}

function testAgentConfig(): ServerConfig['agents'][number] {
  return {
    id: AGENT.id,
    username: AGENT.username,
    passwordHash: hashPassword(AGENT.password),
    languages: ['en', 'fr'],
    serviceLines: ['employment-insurance', 'social-insurance-number', 'pensions', 'passport', 'benefits', 'my-account'],
  };
}

/** The built renderer; `npm test` builds it before the e2e project runs. */
export const STATIC_DIR = resolve(import.meta.dirname, '../../dist/renderer');

export interface TestServer {
  url: string;
  dataDir: string;
  /** What it runs with; a restart reuses it (a fresh password hash would end every session). */
  config: ServerConfig;
  /** The kiosk page in browser mode, with its identity in the fragment (never sent to the server). */
  kioskUrl: string;
  agentUrl: string;
  /** Closes the server; the data folder goes too unless `keepData` (for `restartTestServer`). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** A real server with a real SQLite file in a fresh temporary folder, on a free loopback port. */
export function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  return startTestServerOn('127.0.0.1', overrides);
}

/** The same server listening on another local address, e.g. the host end of a test veth (harness/netns.ts). */
export async function startTestServerOn(host: string, overrides: Partial<ServerConfig> = {}, port = 0, reusedDataDir?: string): Promise<TestServer> {
  const dataDir = reusedDataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const config: ServerConfig = {
    sites: [{ id: SITE_ID, name: 'Test site' }],
    kiosks: [{ id: KIOSK.id, siteId: SITE_ID, tokenSha256: hashKioskToken(KIOSK.token) }],
    agents: [testAgentConfig()],
    interpreters: [],
    staff: [],
    administrators: [],
    iceServers: [],
    staticDir: STATIC_DIR,
    heartbeatIntervalMs: 10_000,
    offerTimeoutMs: 20_000,
    resumeGraceMs: 60_000,
    ...overrides,
  };
  const store = openSqliteStore(dataDir);
  // Quiet by default so test output stays readable; KIOSK_TEST_LOGS=1 shows the server's log.
  const logger = process.env.KIOSK_TEST_LOGS === '1' ? createLogger('server') : silentLogger;
  const server = createServer({ config, store, logger });
  const { url } = await server.listen(port, host);
  return {
    url,
    dataDir,
    config,
    kioskUrl: `${url}/kiosk/#kioskId=${encodeURIComponent(KIOSK.id)}&token=${encodeURIComponent(KIOSK.token)}`,
    agentUrl: `${url}/agent/`,
    async stop(options = {}) {
      await server.close();
      store.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh server on the loopback port a stopped one used ("the server is back"): pages
 * loaded from the old one reach the new one at the same address.
 */
export function startTestServerAtPortOf(previousUrl: string, overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  return startTestServerOn('127.0.0.1', overrides, Number(new URL(previousUrl).port));
}

/**
 * The same server stopped and started again on its port and its data folder, as a restart does:
 * pages loaded from the old one reconnect to the new one, which restores the live state it finds.
 * In-process and graceful (a SIGKILL is tests/e2e/restart.test.ts's, with the built server).
 */
export async function restartTestServer(previous: TestServer): Promise<TestServer> {
  await previous.stop({ keepData: true });
  // The same config, password hashes included, as a real restart reads the same file: a session is
  // bound to the password hash it was issued under, and hashing again draws a new salt.
  return startTestServerOn('127.0.0.1', previous.config, Number(new URL(previous.url).port), previous.dataDir);
}
