import { reloadKioskRevocations } from './auth/configReload.js';
import type { KioskServer } from './server.js';

/** A stuck close must not keep the process alive forever. */
export const SHUTDOWN_TIMEOUT_MS = 5_000;

export interface SignalSetup {
  /** The config file SIGHUP re-reads; absent in demo mode. */
  configPath: string | undefined;
  on?: (signal: NodeJS.Signals, listener: () => void) => void;
  exit?: (code: number) => void;
  log?: (line: string) => void;
  setTimer?: (run: () => void, ms: number) => { unref(): void };
  pid?: number;
}

/**
 * What the server's process does on signals, wherever it runs (cli.ts, scripts/start.ts): SIGINT
 * and SIGTERM close it and exit 0 (1 if closing fails or takes over SHUTDOWN_TIMEOUT_MS); SIGHUP
 * re-reads the config file and cuts off kiosks it now marks `revoked` or no longer lists
 * (docs/security.md). Without a SIGHUP listener, Node's default would end the process, so the
 * signal meant to revoke a stolen kiosk would stop every call instead.
 * Returns the pid an operator sends SIGHUP to when there is a config file to re-read, for the banner.
 */
export function handleProcessSignals(server: Pick<KioskServer, 'close' | 'applyKioskRevocations'>, setup: SignalSetup): number | undefined {
  const {
    configPath,
    on = (signal, listener) => process.on(signal, listener),
    exit = (code) => process.exit(code),
    log = (line) => console.log(line),
    setTimer = setTimeout,
    pid = process.pid,
  } = setup;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    setTimer(() => exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => exit(0),
      (error: unknown) => {
        // The stack, not only the message: what failed to close is found from where it threw
        // (the bundle runs with source maps, so the frames name the TypeScript files).
        log(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        exit(1);
      },
    );
  };
  on('SIGINT', () => stop('SIGINT'));
  on('SIGTERM', () => stop('SIGTERM'));
  // Nothing else is reloaded; a bad file is reported and the running config stays.
  on('SIGHUP', () => log(reloadKioskRevocations(server, configPath)));
  return configPath ? pid : undefined;
}
