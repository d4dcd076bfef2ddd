import type { Language, ServiceLine, TriageSummary } from '../../../protocol/index.js';
import type { SealedField } from '../crypto/fieldCipher.js';

/** A pending callback as stored: the number only sealed (crypto/fieldCipher.ts), never in clear. */
export interface StoredCallback {
  callbackId: string;
  siteId: string;
  kioskId: string;
  /** The visit it came from; its record says `callback-requested`. */
  ticketId: string;
  serviceLine: ServiceLine;
  language: Language;
  triage?: TriageSummary;
  requestedAt: number;
  phone: SealedField;
}

export type CallbackListing = Omit<StoredCallback, 'phone'>;

/** The callbacks table (migration in store/migrations.ts). Rows live until done or retention. */
export interface CallbackStore {
  insert(callback: StoredCallback): void;
  /** Oldest first, without the sealed number. */
  listPending(limit: number): CallbackListing[];
  get(callbackId: string): StoredCallback | undefined;
  /** True when a row went. */
  delete(callbackId: string): boolean;
  deleteRequestedBefore(cutoff: number): number;
}

/** For the memory store: same rules, nothing on disk. */
export function createMemoryCallbackStore(): CallbackStore {
  const rows = new Map<string, StoredCallback>();
  return {
    insert: (callback) => void rows.set(callback.callbackId, callback),
    listPending: (limit) =>
      [...rows.values()]
        .sort((a, b) => a.requestedAt - b.requestedAt)
        .slice(0, limit)
        .map(({ phone: _phone, ...listing }) => listing),
    get: (callbackId) => rows.get(callbackId),
    delete: (callbackId) => rows.delete(callbackId),
    deleteRequestedBefore(cutoff) {
      let deleted = 0;
      for (const [id, row] of rows) {
        if (row.requestedAt < cutoff) {
          rows.delete(id);
          deleted += 1;
        }
      }
      return deleted;
    },
  };
}
