// The kiosk's report client (no Electron) against the real signaling server on 127.0.0.1: an out-of-service
// report and the back-in-service that follows land in the server's SQLite file; a revoked kiosk's are refused.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../enrolment/enrolment-client.js';
import { createLogger } from '../log/logger.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';
import { createKioskReporter, systemReportTimers } from './kiosk-report-client.js';

const TOKEN = 'kiosk-report-it-token-0123456789';
const REVOKED_TOKEN = 'kiosk-report-it-revoked-0123456789';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'kiosk-report-it-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('kiosk reports against the real server', () => {
  it('out-of-service then back-in-service are stored in order; a revoked kiosk is refused at once', async () => {
    const configFile = join(dir, 'server.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        sites: [{ id: 'snb', name: 'SNB' }],
        kiosks: [
          { id: 'snb-01', siteId: 'snb', tokenSha256: sha256(TOKEN) },
          { id: 'snb-02', siteId: 'snb', tokenSha256: sha256(REVOKED_TOKEN), revoked: true },
        ],
        agents: [],
      }),
    );
    const dataDir = join(dir, 'data');
    server = await startServerProcess({ CONFIG: configFile, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(dir, 'none') });
    const serverUrl = `${server.url.replace('http', 'ws')}/ws`;
    const lines: string[] = [];
    const log = createLogger('test', (line) => lines.push(line));

    const reporter = createKioskReporter({ serverUrl, kioskId: 'snb-01', token: TOKEN, fetch: fetch as FetchLike, timers: systemReportTimers, log });
    reporter.outOfService({ at: new Date().toISOString(), crashCount: 3, recentReasons: ['crashed', 'unresponsive'], outOfServiceCount: 1 });
    reporter.backInService({ crashCount: 3, outOfServiceCount: 1 });
    await reporter.idle();

    const revoked = createKioskReporter({ serverUrl, kioskId: 'snb-02', token: REVOKED_TOKEN, fetch: fetch as FetchLike, timers: systemReportTimers, log });
    revoked.outOfService({ at: new Date().toISOString(), crashCount: 2, recentReasons: ['oom', 'oom'], outOfServiceCount: 1 });
    await revoked.idle();

    const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT kiosk_id, kind, crash_count, reasons, out_of_service_count FROM kiosk_reports ORDER BY id').all();
      expect(rows).toEqual([
        { kiosk_id: 'snb-01', kind: 'out-of-service', crash_count: 3, reasons: 'crashed,unresponsive', out_of_service_count: 1 },
        { kiosk_id: 'snb-01', kind: 'back-in-service', crash_count: 3, reasons: '', out_of_service_count: 1 },
      ]);
    } finally {
      db.close();
    }
    expect(lines.filter((line) => line.includes('kiosk report sent'))).toHaveLength(2);
    expect(lines.filter((line) => line.includes('kiosk report given up') && line.includes('HTTP 401'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain(REVOKED_TOKEN);
  }, 60_000);
});
