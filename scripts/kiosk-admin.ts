/**
 * `npm run kiosk-admin -- issue-code <kioskId>`: a one-time enrolment code for a kiosk, written to the
 * server's SQLite file (DATA_DIR) where the running server sees it at once. With `--server <url>`,
 * `revoke`, `reinstate` and `issue-code` go to the running server as an administrator. See docs/security.md.
 */
import { createInterface } from 'node:readline/promises';
import { runKioskAdminCommand } from '../signaling-server/src/enrolment/kioskAdmin.js';

/** The password is typed, not passed on the command line, so it never lands in shell history. */
async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) return '';
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Administrator password: ');
  } finally {
    rl.close();
  }
}

try {
  for (const line of await runKioskAdminCommand(process.argv.slice(2), { env: process.env, askPassword })) console.log(line);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
