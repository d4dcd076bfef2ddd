/**
 * `npm run kiosk-admin -- issue-code <kioskId>`: a one-time enrolment code for a kiosk, written to the
 * server's SQLite file (DATA_DIR) where the running server sees it at once. See docs/security.md.
 */
import { runKioskAdmin } from '../signaling-server/src/enrolment/kioskAdmin.js';

try {
  for (const line of runKioskAdmin(process.argv.slice(2), { env: process.env })) console.log(line);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
