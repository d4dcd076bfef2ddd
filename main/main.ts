// Entry of the Electron main process (bundled to dist/main/main.cjs by scripts/build-main.ts).
import { createLogger } from './log/logger.js';
import { createElectronHost } from './platform/electron-host.js';
import { startKiosk } from './startup/start-kiosk.js';

const log = createLogger('kiosk-main');

startKiosk(createElectronHost(log), process.env, log).catch((error: unknown) => {
  log.error('kiosk failed to start', { error: String(error) });
  process.exit(1);
});
