import type { NoticeKey } from './strings.js';

/**
 * Why the kiosk shows a notice instead of the app when it cannot get its credentials. Each is a static
 * page on the app origin (app-protocol/in-memory-pages.ts), built like the out-of-service page.
 */
export type KioskNotice = 'enrolment-refused' | 'server-unreachable' | 'secure-storage-unavailable';

export const KIOSK_NOTICES: Readonly<Record<KioskNotice, { title: NoticeKey; body: NoticeKey }>> = {
  // A wrong, used or expired code, or a secret that can no longer be read: only a new code helps.
  'enrolment-refused': { title: 'notEnrolledTitle', body: 'enrolmentRefusedBody' },
  'server-unreachable': { title: 'notEnrolledTitle', body: 'serverUnreachableBody' },
  'secure-storage-unavailable': { title: 'secureStorageTitle', body: 'secureStorageBody' },
};

/** app://kiosk path of a notice page. */
export function noticePath(notice: KioskNotice): string {
  return `/notice/${notice}.html`;
}
