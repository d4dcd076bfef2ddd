import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, SQLITE_FILE_NAME } from '../store/sqliteStore.js';
import { refusalFor, type EnrolmentStore } from './enrolmentStore.js';

type Db = InstanceType<typeof Database>;

interface CodeRow {
  kioskId: string;
  expiresAt: number;
  usedAt: number | null;
}

/** On an open, migrated database (the server's kiosk.sqlite): tables enrolment_codes, kiosk_secrets and kiosk_revocations. */
export function createSqliteEnrolmentStore(db: Db): EnrolmentStore {
  const statements = {
    dropUnusedCodesOf: db.prepare('DELETE FROM enrolment_codes WHERE kiosk_id = ? AND used_at IS NULL'),
    // Used and expired codes are worth nothing; they go whenever a new one is issued.
    dropDeadCodes: db.prepare('DELETE FROM enrolment_codes WHERE used_at IS NOT NULL OR expires_at <= ?'),
    insertCode: db.prepare(
      'INSERT INTO enrolment_codes (code_sha256, kiosk_id, issued_at, expires_at) VALUES (@codeSha256, @kioskId, @issuedAt, @expiresAt)',
    ),
    findCode: db.prepare('SELECT kiosk_id AS kioskId, expires_at AS expiresAt, used_at AS usedAt FROM enrolment_codes WHERE code_sha256 = ?'),
    markUsed: db.prepare('UPDATE enrolment_codes SET used_at = ? WHERE code_sha256 = ? AND used_at IS NULL'),
    upsertSecret: db.prepare(
      `INSERT INTO kiosk_secrets (kiosk_id, secret_sha256, enrolled_at) VALUES (?, ?, ?)
       ON CONFLICT (kiosk_id) DO UPDATE SET secret_sha256 = excluded.secret_sha256, enrolled_at = excluded.enrolled_at`,
    ),
    getSecret: db.prepare('SELECT secret_sha256 AS secretSha256 FROM kiosk_secrets WHERE kiosk_id = ?'),
    deleteSecret: db.prepare('DELETE FROM kiosk_secrets WHERE kiosk_id = ?'),
    // The first revocation's time is kept: a second revoke of a revoked kiosk changes nothing.
    revoke: db.prepare('INSERT OR IGNORE INTO kiosk_revocations (kiosk_id, revoked_at) VALUES (?, ?)'),
    reinstate: db.prepare('DELETE FROM kiosk_revocations WHERE kiosk_id = ?'),
    isRevoked: db.prepare('SELECT 1 FROM kiosk_revocations WHERE kiosk_id = ?'),
  };
  return {
    issueCode: db.transaction((code) => {
      statements.dropDeadCodes.run(code.issuedAt);
      statements.dropUnusedCodesOf.run(code.kioskId);
      statements.insertCode.run(code);
    }),
    // One IMMEDIATE transaction: two kiosks racing with the same code cannot both win.
    redeemCode: (redemption) =>
      db
        .transaction(() => {
          const row = statements.findCode.get(redemption.codeSha256) as CodeRow | undefined;
          const refusal = refusalFor(row, redemption);
          if (refusal !== undefined) return refusal;
          statements.markUsed.run(redemption.now, redemption.codeSha256);
          statements.upsertSecret.run(redemption.kioskId, redemption.secretSha256, redemption.now);
          return 'enrolled' as const;
        })
        .immediate(),
    deviceSecretSha256: (kioskId) => (statements.getSecret.get(kioskId) as { secretSha256: string } | undefined)?.secretSha256,
    forgetDeviceSecret: (kioskId) => statements.deleteSecret.run(kioskId).changes > 0,
    revokeKiosk: db.transaction((kioskId: string, at: number) => {
      statements.deleteSecret.run(kioskId);
      statements.revoke.run(kioskId, at);
    }),
    reinstateKiosk: (kioskId) => statements.reinstate.run(kioskId).changes > 0,
    isKioskRevoked: (kioskId) => statements.isRevoked.get(kioskId) !== undefined,
  };
}

/**
 * A connection of its own to the server's SQLite file, for `kiosk-admin` while the server runs:
 * WAL lets both use the file, and the busy timeout waits out the other's short writes.
 */
export function openEnrolmentDatabase(dataDir: string): { store: EnrolmentStore; close(): void } {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  migrate(db);
  return { store: createSqliteEnrolmentStore(db), close: () => db.close() };
}
