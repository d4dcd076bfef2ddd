import type Database from 'better-sqlite3';
import { parse, TriageSummary, type Language, type ServiceLine } from '../../../protocol/index.js';
import type { CallbackListing, CallbackStore, StoredCallback } from './callbackStore.js';

type Db = InstanceType<typeof Database>;

interface CallbackRow {
  callback_id: string;
  site_id: string;
  kiosk_id: string;
  ticket_id: string;
  service_line: string;
  language: string;
  triage_json: string | null;
  requested_at: number;
  phone_ciphertext: Buffer;
  nonce: Buffer;
  key_id: string;
}

const LISTING_COLUMNS = 'callback_id, site_id, kiosk_id, ticket_id, service_line, language, triage_json, requested_at';

/** The callbacks table in the records' SQLite file: ciphertext, nonce and key id, never the number. */
export function createSqliteCallbackStore(db: Db): CallbackStore {
  const statements = {
    insert: db.prepare(
      `INSERT INTO callbacks (callback_id, site_id, kiosk_id, ticket_id, service_line, language, triage_json, requested_at,
                              phone_ciphertext, nonce, key_id)
       VALUES (@callbackId, @siteId, @kioskId, @ticketId, @serviceLine, @language, @triageJson, @requestedAt,
               @ciphertext, @nonce, @keyId)`,
    ),
    list: db.prepare(`SELECT ${LISTING_COLUMNS} FROM callbacks ORDER BY requested_at, callback_id LIMIT ?`),
    get: db.prepare(`SELECT ${LISTING_COLUMNS}, phone_ciphertext, nonce, key_id FROM callbacks WHERE callback_id = ?`),
    delete: db.prepare('DELETE FROM callbacks WHERE callback_id = ?'),
    deleteBefore: db.prepare('DELETE FROM callbacks WHERE requested_at < ?'),
  };
  return {
    insert(callback) {
      statements.insert.run({
        callbackId: callback.callbackId,
        siteId: callback.siteId,
        kioskId: callback.kioskId,
        ticketId: callback.ticketId,
        serviceLine: callback.serviceLine,
        language: callback.language,
        triageJson: callback.triage ? JSON.stringify(callback.triage) : null,
        requestedAt: callback.requestedAt,
        ciphertext: callback.phone.ciphertext,
        nonce: callback.phone.nonce,
        keyId: callback.phone.keyId,
      });
    },
    listPending: (limit) => (statements.list.all(limit) as CallbackRow[]).map(toListing),
    get(callbackId) {
      const row = statements.get.get(callbackId) as CallbackRow | undefined;
      if (!row) return undefined;
      const stored: StoredCallback = {
        ...toListing(row),
        phone: { ciphertext: row.phone_ciphertext, nonce: row.nonce, keyId: row.key_id },
      };
      return stored;
    },
    delete: (callbackId) => statements.delete.run(callbackId).changes > 0,
    deleteRequestedBefore: (cutoff) => statements.deleteBefore.run(cutoff).changes,
  };
}

function toListing(row: Omit<CallbackRow, 'phone_ciphertext' | 'nonce' | 'key_id'>): CallbackListing {
  const listing: CallbackListing = {
    callbackId: row.callback_id,
    siteId: row.site_id,
    kioskId: row.kiosk_id,
    ticketId: row.ticket_id,
    serviceLine: row.service_line as ServiceLine,
    language: row.language as Language,
    requestedAt: row.requested_at,
  };
  if (row.triage_json !== null) {
    // Written by this server from a parsed summary; re-parsed so a damaged row cannot reach an agent.
    const triage = parse(TriageSummary, JSON.parse(row.triage_json));
    if (triage.ok) listing.triage = triage.value;
  }
  return listing;
}
