/**
 * `npm run server` (built into dist/server/cli.mjs by scripts/build-server.ts): PORT, HOST, CONFIG,
 * DATA_DIR, STATIC_DIR from the environment. Without CONFIG it runs a demo configuration and prints
 * its one-time credentials.
 */
import { startFromEnvironment } from './src/startFromEnvironment.js';
import { allocatorAdvice } from './src/memory/allocatorSettings.js';
import { handleProcessSignals } from './src/processSignals.js';
import { startupBanner } from './src/startupBanner.js';

async function main(): Promise<void> {
  const { server, url, demo, configPath } = await startFromEnvironment();
  const reloadPid = handleProcessSignals(server, { configPath });
  for (const line of startupBanner({ url, demo, advice: allocatorAdvice(), reloadPid })) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
