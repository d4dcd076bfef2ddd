import { CALLBACKS_PENDING_MAX, type CallbackOutcome, type CallbackSummary } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import { FieldDecryptError, type FieldCipher } from '../crypto/fieldCipher.js';
import { randomId } from '../ids.js';
import type { Logger } from '../logger.js';
import { ProtocolError } from '../protocolError.js';
import type { CallbackListing, CallbackStore } from './callbackStore.js';

/** What the switchboard knows of the visit a callback replaces. */
export type CallbackVisit = Omit<CallbackListing, 'callbackId' | 'requestedAt'>;

/**
 * Pending callbacks: the sealed number in, a summary list out, the number revealed only to an
 * agent who opens one (logged, without the number), and deleted as soon as it is done.
 * The phone number is never logged and never leaves this module in clear except in `open`.
 */
export class CallbackDesk {
  constructor(
    private readonly deps: {
      store: CallbackStore;
      cipher: FieldCipher;
      clock: Clock;
      logger: Logger;
      /** Older callbacks are treated as gone even before the retention job deletes them. */
      keepMs: number;
    },
  ) {}

  /** Seals and stores the number; the caller has checked that the visitor is queued. */
  request(visit: CallbackVisit, phoneDigits: string): string {
    const callbackId = randomId('cb');
    const requestedAt = this.deps.clock.now();
    // The id is bound to the ciphertext: a sealed number copied to another row does not open.
    const phone = this.deps.cipher.seal(phoneDigits, callbackId);
    this.deps.store.insert({ ...visit, callbackId, requestedAt, phone });
    this.deps.logger.info('callback requested', {
      callbackId,
      ticketId: visit.ticketId,
      siteId: visit.siteId,
      serviceLine: visit.serviceLine,
      language: visit.language,
    });
    return callbackId;
  }

  pending(): CallbackSummary[] {
    const now = this.deps.clock.now();
    return this.deps.store
      .listPending(CALLBACKS_PENDING_MAX)
      .filter((row) => !this.expired(row.requestedAt, now))
      .map((row) => ({
        callbackId: row.callbackId,
        serviceLine: row.serviceLine,
        language: row.language,
        requestedAt: Math.max(0, now - row.requestedAt),
        siteId: row.siteId,
        ...(row.triage ? { triage: row.triage } : {}),
      }));
  }

  /** The number, for this agent to dial. Audit-logged: who opened which callback, never the number. */
  open(agentId: string, callbackId: string): string {
    const row = this.deps.store.get(callbackId);
    if (!row || this.expired(row.requestedAt, this.deps.clock.now())) throw noSuchCallback();
    let phone: string;
    try {
      phone = this.deps.cipher.open(row.phone, callbackId);
    } catch (error) {
      if (!(error instanceof FieldDecryptError)) throw error;
      // A key changed without re-sealing, or a damaged row: refused, never shown wrong.
      this.deps.logger.error('callback number cannot be opened', { callbackId, keyId: row.phone.keyId, reason: error.message });
      throw new ProtocolError('INVALID_STATE', 'callbackId: that callback cannot be opened with the current key.');
    }
    this.deps.logger.info('callback opened', { callbackId, agentId });
    return phone;
  }

  /** Closes the callback: the row (and the sealed number with it) is deleted now. */
  done(agentId: string, callbackId: string, outcome: CallbackOutcome): void {
    if (!this.deps.store.delete(callbackId)) throw noSuchCallback();
    this.deps.logger.info('callback done', { callbackId, agentId, outcome });
  }

  private expired(requestedAt: number, now: number): boolean {
    return now - requestedAt > this.deps.keepMs;
  }
}

function noSuchCallback(): ProtocolError {
  return new ProtocolError('INVALID_STATE', 'callbackId: no pending callback has that id.');
}
