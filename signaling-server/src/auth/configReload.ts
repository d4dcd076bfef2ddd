import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import type { KioskServer } from '../server.js';

/**
 * What SIGHUP does (cli.ts): re-read the config file and cut off every kiosk it now marks
 * `revoked` or no longer lists. Returns a line for the operator; never throws, so a bad file
 * leaves the running server as it was.
 */
export function reloadKioskRevocations(server: Pick<KioskServer, 'applyKioskRevocations'>, configPath: string | undefined): string {
  if (!configPath) return 'SIGHUP received: no CONFIG file to reload (demo configuration)';
  try {
    const revoked = server.applyKioskRevocations(loadConfig(resolve(configPath)));
    const which = revoked.length > 0 ? `: ${revoked.join(', ')}` : '';
    return `SIGHUP received: config re-read, ${revoked.length} kiosk(s) newly revoked${which}`;
  } catch (error) {
    return `SIGHUP received: config not reloaded, the running one stays: ${error instanceof Error ? error.message : String(error)}`;
  }
}
