import type { StartedServer } from './startFromEnvironment.js';

/**
 * What a person starting the server needs to read: where to go, in demo mode how to get in,
 * which process re-reads the config on SIGHUP, and a setting the server is missing
 * (memory/allocatorSettings.ts).
 */
export function startupBanner({
  url,
  demo,
  advice,
  reloadPid,
}: Pick<StartedServer, 'url' | 'demo'> & { advice?: string | undefined; reloadPid?: number | undefined }): string[] {
  const port = new URL(url).port;
  const lines = [
    `Signaling server listening on ${url}`,
    `Agent console: http://localhost:${port}/agent/`,
    `Staff console: http://localhost:${port}/staff/`,
  ];
  if (demo) {
    lines.push(
      `Kiosk:         http://localhost:${port}/kiosk/#kioskId=${demo.kioskId}&token=${demo.kioskToken}`,
      'Demo mode (no CONFIG): credentials are new on every start.',
      `  agent username: ${demo.agentUsername}`,
      `  agent password: ${demo.agentPassword}`,
      `  interpreter (agent console): ${demo.interpreter.username} / ${demo.interpreter.password}`,
      `  site staff (staff console):  ${demo.staff.username} / ${demo.staff.password}`,
      `  administrator (kiosk-admin --server): ${demo.admin.username} / ${demo.admin.password}`,
    );
  } else {
    lines.push(`Kiosk:         http://localhost:${port}/kiosk/#kioskId=<kiosk id>&token=<kiosk token>`);
  }
  // The pid, because `npm run server` puts npm and a shell above the server, and neither passes SIGHUP on.
  if (reloadPid !== undefined) lines.push(`To apply kiosk revocations in CONFIG without a restart: kill -HUP ${reloadPid}`);
  if (advice) lines.push(advice);
  return lines;
}
