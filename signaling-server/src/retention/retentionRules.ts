import type { Store } from '../store/store.js';
import { MAX_CALLBACK_RETENTION_DAYS } from '../callbacks/callbacksConfig.js';
import { KIOSK_REPORT_RETENTION_DAYS } from '../kioskReports/kioskReportStore.js';
import { DAY_MS, type RetentionConfig } from './retentionConfig.js';

/**
 * One kind of record with a retention period. A new table of personal data plugs in by
 * adding a rule here (and a delete method on the store); `retention.test.ts` fails while a
 * SQLite table has no rule and is not listed in RETENTION_EXEMPT_TABLES.
 */
export interface RetentionRule {
  /** The name logged with the count, e.g. `visits`. */
  name: string;
  /** The SQLite tables this rule empties of old rows. */
  tables: readonly string[];
  keepMs: number;
  /** Deletes records older than `cutoff` (epoch ms); returns how many went. */
  deleteBefore(cutoff: number): number;
}

/** Tables that hold no personal data, so no retention period applies. Say why for each. */
export const RETENTION_EXEMPT_TABLES: Readonly<Record<string, string>> = {
  schema_migrations: 'which schema versions were applied and when; no visit data',
  // Live state (store/liveState.ts): a row exists only while its ticket, call or session is
  // live and is deleted when it ends; the lasting record is the visits table.
  live_tickets: 'live state, deleted when the ticket leaves the queue',
  live_calls: 'live state, deleted when the call ends',
  live_sessions: 'live state (resume token hashes), deleted when the session ends',
  live_wrap_ups: 'live state (which agent owes which call its outcome), deleted with the outcome or when the agent leaves',
  // People's session tokens (auth/sessionTokenStore.ts): expired rows go as new tokens are issued and at start.
  session_tokens: 'session token hashes and opaque person ids, deleted at expiry (12 h) or logout',
  // Kiosk enrolment (enrolment/): devices, not people. Hashes only; a kiosk's used and expired codes go
  // whenever a new code is issued, its secret hash is replaced at each enrolment.
  enrolment_codes: 'enrolment code hashes per kiosk id; no visit or personal data',
  kiosk_secrets: 'one device secret hash per kiosk id, kept while the kiosk is enrolled; no personal data',
  // Revocations must outlive any retention period: deleting one would let a stolen kiosk back in.
  kiosk_revocations: 'kiosk ids an administrator revoked, kept until reinstated; devices, no personal data',
  // Device checks (devices/): one row per kiosk, overwritten by every check.
  kiosk_device_status: 'the latest camera/microphone/speaker state per kiosk id, overwritten; no personal data',
};

/** Callbacks are kept at most a week, called or not (issue 4); a shorter period comes from `callbacks.retentionDays`. */
export function retentionRules(
  store: Store,
  config: RetentionConfig,
  callbacks: { callbackDays: number } = { callbackDays: MAX_CALLBACK_RETENTION_DAYS },
): RetentionRule[] {
  const rules: RetentionRule[] = [
    {
      name: 'visits',
      // The agent's wrap-up notes are deleted with their visit.
      tables: ['visits', 'visit_notes', 'visit_transfers'],
      keepMs: config.visitsDays * DAY_MS,
      // By joined_at: the one time every visit has, and the earliest.
      deleteBefore: (cutoff) => store.deleteVisitsJoinedBefore(cutoff),
    },
    {
      name: 'helpRequests',
      tables: ['help_requests'],
      keepMs: config.helpRequestsDays * DAY_MS,
      deleteBefore: (cutoff) => store.deleteHelpRequestsBefore(cutoff),
    },
  ];
  const callbackStore = store.callbacks;
  if (callbackStore) {
    rules.push({
      name: 'callbacks',
      // Done callbacks are deleted at once (callbacks/callbackDesk.ts); this catches the ones never called.
      tables: ['callbacks'],
      keepMs: Math.min(callbacks.callbackDays, MAX_CALLBACK_RETENTION_DAYS) * DAY_MS,
      deleteBefore: (cutoff) => callbackStore.deleteRequestedBefore(cutoff),
    });
  }
  const kioskReports = store.kioskReports;
  if (kioskReports) {
    rules.push({
      name: 'kioskReports',
      tables: ['kiosk_reports'],
      keepMs: KIOSK_REPORT_RETENTION_DAYS * DAY_MS,
      deleteBefore: (cutoff) => kioskReports.deleteBefore(cutoff),
    });
  }
  return rules;
}
