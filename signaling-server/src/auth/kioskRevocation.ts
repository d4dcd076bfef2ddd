import type { ServerConfig } from '../config.js';

/**
 * Which kiosks a reloaded config takes away: those marked `revoked` and those removed from the
 * list. Anything else in the new file (new kiosks, new tokens, agents) waits for a restart:
 * a reload only ever removes access, so a half-edited file cannot grant any.
 */
export function kiosksRevokedBy(next: Pick<ServerConfig, 'kiosks'>, running: Pick<ServerConfig, 'kiosks'>): string[] {
  const stillListed = new Map(next.kiosks.map((k) => [k.id, k]));
  const ids = new Set<string>();
  for (const kiosk of next.kiosks) if (kiosk.revoked === true) ids.add(kiosk.id);
  for (const kiosk of running.kiosks) if (!stillListed.has(kiosk.id)) ids.add(kiosk.id);
  return [...ids].sort();
}
