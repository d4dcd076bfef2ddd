/**
 * `npm run server`: PORT, HOST, CONFIG, DATA_DIR, STATIC_DIR from the environment.
 * Without CONFIG it runs a demo configuration and prints its one-time credentials.
 */
import { reloadKioskRevocations } from './src/auth/configReload.js';
import { startFromEnvironment } from './src/startFromEnvironment.js';
import { allocatorAdvice } from './src/memory/allocatorSettings.js';
import { startupBanner } from './src/startupBanner.js';

const SHUTDOWN_TIMEOUT_MS = 5_000;

async function main(): Promise<void> {
  const { server, url, demo } = await startFromEnvironment();
  const reloadPid = process.env['CONFIG'] ? process.pid : undefined;
  for (const line of startupBanner({ url, demo, advice: allocatorAdvice(), reloadPid })) console.log(line);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    // A stuck close must not keep the process alive forever.
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // SIGHUP re-reads CONFIG and cuts off kiosks now marked `revoked` or removed (docs/security.md).
  // Nothing else is reloaded; a bad file is reported and the running config stays.
  process.on('SIGHUP', () => console.log(reloadKioskRevocations(server, process.env['CONFIG'])));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
