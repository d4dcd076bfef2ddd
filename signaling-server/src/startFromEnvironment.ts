import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { createDemoConfig, type DemoCredentials } from './demoConfig.js';
import { createLogger } from './logger.js';
import { createServer, type KioskServer } from './server.js';
import { openSqliteStore } from './store/sqliteStore.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_STATIC_DIR = './dist/renderer';

export interface StartedServer {
  /** close() also closes the SQLite store it opened. */
  server: KioskServer;
  url: string;
  /** Present when no CONFIG was given: the generated demo secrets. */
  demo?: DemoCredentials;
  /** The config file, resolved: what SIGHUP re-reads (processSignals.ts). Absent in demo mode. */
  configPath?: string;
}

/** The config file's configuration, or without one a demo configuration with fresh credentials. */
function configFrom(configPath: string | undefined) {
  if (configPath) return { config: loadConfig(configPath), demo: undefined };
  const demo = createDemoConfig();
  return { config: demo.config, demo };
}

/**
 * Reads PORT, HOST, CONFIG, DATA_DIR, STATIC_DIR; without CONFIG it starts a demo
 * configuration with fresh random credentials. Shared by cli.ts and scripts/start.ts.
 */
export async function startFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<StartedServer> {
  const log = createLogger('server');
  const port = parsePort(env['PORT']);
  const host = env['HOST'] || DEFAULT_HOST;
  const staticDir = resolve(env['STATIC_DIR'] || DEFAULT_STATIC_DIR);
  const dataDir = resolve(env['DATA_DIR'] || DEFAULT_DATA_DIR);

  const configPath = env['CONFIG'] ? resolve(env['CONFIG']) : undefined;
  const { config: loaded, demo } = configFrom(configPath);
  // An explicit STATIC_DIR wins; otherwise the config's own, else the default build folder.
  const config = { ...loaded, staticDir: env['STATIC_DIR'] ? staticDir : (loaded.staticDir ?? staticDir) };

  const store = openSqliteStore(dataDir);
  const server = createServer({ config, store, logger: log });
  let listening: { url: string };
  try {
    listening = await server.listen(port, host);
  } catch (error) {
    store.close();
    // The most common morning-after problem: another copy is still running.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is already in use (another copy of the server?). Stop it, or start with PORT=<another port>.`, { cause: error });
    }
    throw error;
  }
  const wrapped: KioskServer = {
    ...server,
    close: async () => {
      await server.close();
      store.close();
    },
  };
  return { server: wrapped, url: listening.url, ...(demo ? { demo: demo.credentials } : { configPath }) };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be an integer 0–65535, got "${value}"`);
  return port;
}
