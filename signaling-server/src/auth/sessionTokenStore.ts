import type Database from 'better-sqlite3';
import { PersonRole } from '../../../protocol/index.js';

type Db = InstanceType<typeof Database>;

/**
 * A person's session token as kept: the token's sha256, never the token, so the file (like a heap
 * dump) holds nothing that opens a session. The person's opaque config id, no name.
 */
export interface StoredSession {
  digest: string;
  role: PersonRole;
  id: string;
  /** Checked again when the token comes back (sessionTokens.ts): a digest, never a secret. */
  stamp: string;
  expiresAt: number;
}

/**
 * Session tokens that outlive the process (table session_tokens, store/migrations.ts): after a
 * restart, an agent's console resumes with the token it holds, so a call in progress is taken
 * back instead of ending when its grace runs out, and nobody has to type a password at 8 a.m.
 */
export interface SessionTokenStore {
  save(session: StoredSession): void;
  delete(digest: string): void;
  /** Logout: every session of that person (ids are unique across people). */
  deletePerson(id: string): void;
  deleteExpired(now: number): void;
  /** The sessions not yet expired at `now`, earliest expiry first (every token lives as long, so that is issue order). */
  load(now: number): StoredSession[];
}

/** For the memory store: same rules, nothing on disk. */
export function createMemorySessionTokenStore(): SessionTokenStore {
  const rows = new Map<string, StoredSession>();
  return {
    save: (session) => void rows.set(session.digest, { ...session }),
    delete: (digest) => void rows.delete(digest),
    deletePerson: (id) => {
      for (const [digest, session] of rows) if (session.id === id) rows.delete(digest);
    },
    deleteExpired: (now) => {
      for (const [digest, session] of rows) if (session.expiresAt <= now) rows.delete(digest);
    },
    load: (now) =>
      [...rows.values()]
        .filter((session) => session.expiresAt > now)
        .sort((a, b) => a.expiresAt - b.expiresAt)
        .map((session) => ({ ...session })),
  };
}

interface SessionRow {
  digest: string;
  role: string;
  person_id: string;
  stamp: string;
  expires_at: number;
}

export function createSqliteSessionTokenStore(db: Db): SessionTokenStore {
  const statements = {
    save: db.prepare('INSERT OR REPLACE INTO session_tokens (digest, role, person_id, stamp, expires_at) VALUES (@digest, @role, @id, @stamp, @expiresAt)'),
    delete: db.prepare('DELETE FROM session_tokens WHERE digest = ?'),
    deletePerson: db.prepare('DELETE FROM session_tokens WHERE person_id = ?'),
    deleteExpired: db.prepare('DELETE FROM session_tokens WHERE expires_at <= ?'),
    load: db.prepare('SELECT digest, role, person_id, stamp, expires_at FROM session_tokens WHERE expires_at > ? ORDER BY expires_at, rowid'),
  };
  return {
    save: (session) => void statements.save.run(session),
    delete: (digest) => void statements.delete.run(digest),
    deletePerson: (id) => void statements.deletePerson.run(id),
    deleteExpired: (now) => void statements.deleteExpired.run(now),
    load: (now) =>
      (statements.load.all(now) as SessionRow[]).flatMap((row) => {
        // A role this code no longer knows opens nothing: the row is skipped, not trusted.
        const role = PersonRole.safeParse(row.role);
        return role.success ? [{ digest: row.digest, role: role.data, id: row.person_id, stamp: row.stamp, expiresAt: row.expires_at }] : [];
      }),
  };
}
