/**
 * `npm run server`: PORT, HOST, CONFIG, DATA_DIR, STATIC_DIR from the environment.
 * Without CONFIG it runs a demo configuration and prints its one-time credentials.
 */
import { startFromEnvironment } from './src/startFromEnvironment.js';
import { startupBanner } from './src/startupBanner.js';

const SHUTDOWN_TIMEOUT_MS = 5_000;

async function main(): Promise<void> {
  const { server, url, demo } = await startFromEnvironment();
  for (const line of startupBanner({ url, demo })) console.log(line);

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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
