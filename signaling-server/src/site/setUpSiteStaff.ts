import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Switchboard } from '../switchboard/switchboard.js';

/**
 * Turns the site staff view on (site/siteDesk.ts). Kiosks whose latest report before this start said
 * out of service are shown so until they report back in service.
 */
export function setUpSiteStaff(switchboard: Switchboard, config: Pick<ServerConfig, 'sites' | 'kiosks'>, store: Pick<Store, 'kioskReports'>, logger: Logger) {
  return switchboard.useSiteStaff({ sites: config.sites, kiosks: config.kiosks, outOfService: kiosksOutOfService(store, logger) });
}

function kiosksOutOfService(store: Pick<Store, 'kioskReports'>, logger: Logger): string[] {
  const latest = new Map<string, string>();
  try {
    // Oldest first, so the last one seen per kiosk is its latest.
    for (const report of store.kioskReports?.list() ?? []) latest.set(report.kioskId, report.kind);
  } catch (error) {
    logger.error('kiosk reports could not be read; nobody is shown out of service', { error });
  }
  return [...latest].filter(([, kind]) => kind === 'out-of-service').map(([kioskId]) => kioskId);
}
