/**
 * Ordered, append-only: never edit a shipped migration, add the next one.
 * Version n is MIGRATIONS[n - 1].
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE visits (
     ticket_id    TEXT PRIMARY KEY,
     call_id      TEXT,
     site_id      TEXT NOT NULL,
     kiosk_id     TEXT NOT NULL,
     agent_id     TEXT,
     service_line TEXT NOT NULL,
     language     TEXT NOT NULL,
     joined_at    INTEGER NOT NULL,
     offered_at   INTEGER,
     accepted_at  INTEGER,
     ended_at     INTEGER,
     end_reason   TEXT,
     outcome      TEXT,
     outcome_at   INTEGER
   );
   CREATE INDEX visits_joined_at ON visits (joined_at);
   CREATE INDEX visits_site_joined_at ON visits (site_id, joined_at);`,
  // The visitor's one-question survey answer (1-5), first answer wins.
  `ALTER TABLE visits ADD COLUMN feedback INTEGER;`,
  // A visitor asked for the office's staff: which kiosk, at which step. Nothing about the person.
  `CREATE TABLE help_requests (
     id        INTEGER PRIMARY KEY AUTOINCREMENT,
     kiosk_id  TEXT NOT NULL,
     site_id   TEXT NOT NULL,
     step      TEXT NOT NULL,
     at        INTEGER NOT NULL
   );
   CREATE INDEX help_requests_site_at ON help_requests (site_id, at);`,
  // Live state kept across a restart (issue 5): waiting tickets in order, calls, resume token hashes.
  // Rows live only while the ticket/call/session does; the visits table stays the record.
  `CREATE TABLE live_tickets (
     ticket_id    TEXT PRIMARY KEY,
     site_id      TEXT NOT NULL,
     kiosk_id     TEXT NOT NULL,
     service_line TEXT NOT NULL,
     language     TEXT NOT NULL,
     triage_json  TEXT,
     joined_at    INTEGER NOT NULL,
     seq          INTEGER NOT NULL
   );
   CREATE TABLE live_calls (
     call_id   TEXT PRIMARY KEY,
     ticket_id TEXT NOT NULL,
     kiosk_id  TEXT NOT NULL,
     agent_id  TEXT NOT NULL
   );
   CREATE TABLE live_sessions (
     role              TEXT NOT NULL,
     party_id          TEXT NOT NULL,
     resume_token_hash TEXT NOT NULL,
     PRIMARY KEY (role, party_id)
   );`,
  // Agent-only wrap-up notes, one row per visit, apart from the visits table so no report or
  // kiosk-facing read picks them up by accident.
  `CREATE TABLE visit_notes (
     ticket_id  TEXT PRIMARY KEY,
     notes      TEXT NOT NULL,
     at         INTEGER NOT NULL
   );`,
  // Kiosk enrolment (issue 6): one-time codes and device secrets, both as sha256 only (docs/security.md).
  `CREATE TABLE enrolment_codes (
     code_sha256 TEXT PRIMARY KEY,
     kiosk_id    TEXT NOT NULL,
     issued_at   INTEGER NOT NULL,
     expires_at  INTEGER NOT NULL,
     used_at     INTEGER
   );
   CREATE INDEX enrolment_codes_kiosk ON enrolment_codes (kiosk_id);
   CREATE TABLE kiosk_secrets (
     kiosk_id      TEXT PRIMARY KEY,
     secret_sha256 TEXT NOT NULL,
     enrolled_at   INTEGER NOT NULL
   );`,
  // Callbacks (issue 4): a visitor's phone number, sealed with AES-256-GCM (crypto/fieldCipher.ts):
  // only ciphertext, nonce and key id are stored, never the number. A row is deleted when the
  // agent marks it done, or by retention after at most 7 days.
  `CREATE TABLE callbacks (
     callback_id      TEXT PRIMARY KEY,
     site_id          TEXT NOT NULL,
     kiosk_id         TEXT NOT NULL,
     ticket_id        TEXT NOT NULL,
     service_line     TEXT NOT NULL,
     language         TEXT NOT NULL,
     triage_json      TEXT,
     requested_at     INTEGER NOT NULL,
     phone_ciphertext BLOB NOT NULL,
     nonce            BLOB NOT NULL,
     key_id           TEXT NOT NULL
   );
   CREATE INDEX callbacks_requested_at ON callbacks (requested_at);`,
  // Issue 4: the wait the kiosk predicted at join and the wait that followed (join → accept),
  // so the estimate's error can be reported (estimate/estimateErrorReport.ts).
  `ALTER TABLE visits ADD COLUMN predicted_wait_ms INTEGER;
   ALTER TABLE visits ADD COLUMN actual_wait_ms INTEGER;`,
  // Issue 5: each kiosk's latest check of its camera, microphone and speaker (devices/), one row
  // per kiosk, overwritten; presence and permission state only, nothing about a person.
  `CREATE TABLE kiosk_device_status (
     kiosk_id   TEXT PRIMARY KEY,
     camera     TEXT NOT NULL,
     microphone TEXT NOT NULL,
     speaker    TEXT NOT NULL,
     checked_at INTEGER NOT NULL
   );`,
  // Issue 3 §8: a kiosk's out-of-service and back-in-service reports (kioskReports/), codes and counts
  // only; `reasons` is a comma-joined list of KIOSK_CRASH_REASONS. Deleted after 90 days by retention.
  `CREATE TABLE kiosk_reports (
     id                   INTEGER PRIMARY KEY AUTOINCREMENT,
     kiosk_id             TEXT NOT NULL,
     kind                 TEXT NOT NULL,
     crash_count          INTEGER NOT NULL,
     reasons              TEXT NOT NULL,
     out_of_service_count INTEGER NOT NULL,
     at                   INTEGER NOT NULL
   );
   CREATE INDEX kiosk_reports_at ON kiosk_reports (at);`,
  // Issue 6: kiosks an administrator revoked over the network (protocol/admin.ts), kept until
  // reinstated so a restart does not let a stolen kiosk back in. Device ids only.
  `CREATE TABLE kiosk_revocations (
     kiosk_id   TEXT PRIMARY KEY,
     revoked_at INTEGER NOT NULL
   );`,
  // Issue 4: warm transfers, for "who served whom": one row per handover, opaque agent ids only.
  // Deleted with their visit by retention.
  `CREATE TABLE visit_transfers (
     id            INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id     TEXT NOT NULL,
     from_agent_id TEXT NOT NULL,
     to_agent_id   TEXT NOT NULL,
     at            INTEGER NOT NULL
   );
   CREATE INDEX visit_transfers_ticket ON visit_transfers (ticket_id);`,
  // People's session tokens (auth/sessionTokenStore.ts), so a console resumes after a restart:
  // the token's sha256 only, the person's opaque id, a digest of the password hash it was issued
  // under (a changed password ends the session), and when it expires (12 hours after sign-in);
  // expired rows are deleted as new tokens are issued.
  `CREATE TABLE session_tokens (
     digest     TEXT PRIMARY KEY,
     role       TEXT NOT NULL,
     person_id  TEXT NOT NULL,
     stamp      TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX session_tokens_expires_at ON session_tokens (expires_at);
   CREATE INDEX session_tokens_person ON session_tokens (person_id);`,
  // Live state (store/liveState.ts): a call that ended with its agent still to record the outcome,
  // so a restart does not lose the wrap-up. Opaque ids only; the row goes with the outcome.
  `CREATE TABLE live_wrap_ups (
     agent_id  TEXT PRIMARY KEY,
     call_id   TEXT NOT NULL,
     ticket_id TEXT NOT NULL
   );`,
];
