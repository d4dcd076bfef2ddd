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
];
