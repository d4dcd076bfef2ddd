import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientOptions } from 'ws';
import { PROTOCOL_VERSION } from '../../../protocol/index.js';
import { hashKioskToken } from '../auth/kioskTokens.js';
import { hashPassword } from '../auth/passwords.js';
import type { Clock } from '../clock.js';
import { parseConfig, type ServerConfig, type ServerConfigInput } from '../config.js';
import { silentLogger } from '../logger.js';
import { createServer, type KioskServer } from '../server.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { openSqliteStore } from '../store/sqliteStore.js';
import type { Store } from '../store/store.js';
import { TestClient } from './testClient.js';

export const TEST_KIOSK_TOKENS = {
  'kiosk-a': 'kiosk-a-token-0123456789',
  'kiosk-b': 'kiosk-b-token-0123456789',
  'kiosk-c': 'kiosk-c-token-0123456789',
} as const;
export type TestKioskId = keyof typeof TEST_KIOSK_TOKENS;

export const TEST_AGENTS = {
  alice: { id: 'agent-1', password: 'alice-password' },
  bruno: { id: 'agent-2', password: 'bruno-password' },
  /** French-only pensions agent: covers little, for routing tests. */
  chloe: { id: 'agent-3', password: 'chloe-password' },
} as const;
export type TestAgentName = keyof typeof TEST_AGENTS;

/** The other people (issue 6): an interpreter, a staff member of site-1, an administrator. */
export const TEST_PEOPLE = {
  ivan: { id: 'interp-1', role: 'interpreter', password: 'ivan-password' },
  sam: { id: 'staff-1', role: 'staff', password: 'sam-password' },
  ada: { id: 'admin-1', role: 'admin', password: 'ada-password' },
} as const;
export type TestPersonName = keyof typeof TEST_PEOPLE;

/** The enrolment code key of every test server (base64 of 32 bytes), for tests that issue codes. */
export const TEST_ENROLMENT_KEY = Buffer.alloc(32, 6).toString('base64');

// Hashing is deliberately slow: do it once per test file.
const PASSWORD_HASHES = Object.fromEntries(
  [...Object.entries(TEST_AGENTS), ...Object.entries(TEST_PEOPLE)].map(([name, a]) => [name, hashPassword(a.password)]),
) as Record<TestAgentName | TestPersonName, string>;

export function testConfigInput(overrides: Partial<ServerConfigInput> = {}): ServerConfigInput {
  return {
    sites: [{ id: 'site-1', name: 'Test site' }],
    kiosks: Object.entries(TEST_KIOSK_TOKENS).map(([id, token]) => ({
      id,
      siteId: 'site-1',
      tokenSha256: hashKioskToken(token),
    })),
    agents: [
      {
        id: TEST_AGENTS.alice.id,
        username: 'alice',
        passwordHash: PASSWORD_HASHES.alice,
        languages: ['en', 'fr'],
        serviceLines: ['employment-insurance', 'pensions', 'passport'],
      },
      {
        id: TEST_AGENTS.bruno.id,
        username: 'bruno',
        passwordHash: PASSWORD_HASHES.bruno,
        languages: ['en', 'fr'],
        serviceLines: ['employment-insurance', 'pensions', 'passport'],
      },
      {
        id: TEST_AGENTS.chloe.id,
        username: 'chloe',
        passwordHash: PASSWORD_HASHES.chloe,
        languages: ['fr'],
        serviceLines: ['pensions'],
      },
    ],
    interpreters: [
      { id: TEST_PEOPLE.ivan.id, username: 'ivan', passwordHash: PASSWORD_HASHES.ivan, languages: ['en', 'fr'], interpreterLanguages: ['iu', 'asl'] },
    ],
    staff: [{ id: TEST_PEOPLE.sam.id, username: 'sam', passwordHash: PASSWORD_HASHES.sam, siteId: 'site-1' }],
    administrators: [{ id: TEST_PEOPLE.ada.id, username: 'ada', passwordHash: PASSWORD_HASHES.ada }],
    enrolment: { key: TEST_ENROLMENT_KEY },
    ...overrides,
  };
}

export interface TestServer {
  server: KioskServer;
  config: ServerConfig;
  store: Store;
  url: string;
  wsUrl: string;
  dataDir?: string;
  /** Connects and completes hello as that kiosk. */
  kiosk(id: TestKioskId, options?: ClientOptions): Promise<TestClient>;
  /** Connects, logs in with the password and (by default) goes available. */
  agent(name: TestAgentName, options?: { available?: boolean; client?: ClientOptions }): Promise<TestClient>;
  /** Connects and signs in as an interpreter, a staff member or an administrator (welcome read). */
  person(name: TestPersonName, options?: ClientOptions): Promise<TestClient>;
  raw(options?: ClientOptions): Promise<TestClient>;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: { config?: Partial<ServerConfigInput>; sqlite?: boolean; clock?: Clock } = {},
): Promise<TestServer> {
  const config = parseConfig(testConfigInput(options.config));
  const dataDir = options.sqlite ? mkdtempSync(join(tmpdir(), 'kiosk-server-test-')) : undefined;
  const store = dataDir ? openSqliteStore(dataDir) : createMemoryStore();
  const server = createServer({ config, store, logger: silentLogger, ...(options.clock ? { clock: options.clock } : {}) });
  const { url } = await server.listen(0, '127.0.0.1');
  const wsUrl = `${url.replace('http', 'ws')}/ws`;
  const clients: TestClient[] = [];
  const raw = async (clientOptions?: ClientOptions) => {
    const client = await TestClient.connect(wsUrl, clientOptions);
    clients.push(client);
    return client;
  };
  return {
    server,
    config,
    store,
    url,
    wsUrl,
    ...(dataDir ? { dataDir } : {}),
    raw,
    async kiosk(id, clientOptions) {
      const client = await raw(clientOptions);
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'kiosk', kioskId: id, token: TEST_KIOSK_TOKENS[id] } });
      await client.next('welcome');
      return client;
    },
    async agent(name, agentOptions = {}) {
      const client = await raw(agentOptions.client);
      client.send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        credentials: { role: 'agent', username: name, password: TEST_AGENTS[name].password },
      });
      await client.next('welcome');
      await client.nextMatching((m) => m.type === 'presence.status' && m.state === 'away');
      if (agentOptions.available ?? true) {
        client.send({ type: 'presence.set', status: 'available' });
        await client.nextMatching((m) => m.type === 'presence.status' && m.state === 'available');
      }
      return client;
    },
    async person(name, clientOptions) {
      const client = await raw(clientOptions);
      const { role, password } = TEST_PEOPLE[name];
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role, username: name, password } });
      await client.next('welcome');
      return client;
    },
    async stop() {
      for (const client of clients) client.socket.terminate();
      await server.close();
      store.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
