import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { ProtocolError } from '../protocolError.js';
import { issueEnrolmentCode } from './enrolKiosk.js';
import type { EnrolmentStore } from './enrolmentStore.js';

export interface KioskAdministrationDeps {
  authenticator: Pick<Authenticator, 'isKioskListed' | 'isKioskRevoked' | 'isKioskRevokedByConfig'>;
  /** Where revocations, codes and device secrets are kept; without it every command is INVALID_STATE. */
  records: EnrolmentStore | undefined;
  /** The enrolment code key; without it `enrolment.issue` is INVALID_STATE (enrolment is off). */
  codeKey: Buffer | undefined;
  codeTtlMinutes: number;
  /** Closes the kiosk's open connections now (4401); returns how many. */
  disconnectKiosk(kioskId: string): number;
  clock: Clock;
  logger: Logger;
  generateCode?: () => string;
}

/**
 * What an administrator does to kiosks on the running server (protocol/admin.ts). Role checks
 * happened before (CLIENT_MESSAGE_ROLES: admin only); this checks the kiosk and does the work.
 * Every action is logged with the administrator's opaque id.
 */
export class KioskAdministration {
  constructor(private readonly deps: KioskAdministrationDeps) {}

  /** Persisted first, then the connection is cut: a crash in between leaves the kiosk refused, not let in. */
  revoke(adminId: string, kioskId: string): { closedConnections: number } {
    const records = this.requireListed(kioskId);
    records.revokeKiosk(kioskId, this.deps.clock.now());
    const closedConnections = this.deps.disconnectKiosk(kioskId);
    this.deps.logger.warn('kiosk revoked by an administrator', { kioskId, adminId, closedConnections });
    return { closedConnections };
  }

  /** `allowed` is false while the config itself marks the kiosk revoked. */
  reinstate(adminId: string, kioskId: string): { allowed: boolean } {
    const records = this.requireListed(kioskId);
    const lifted = records.reinstateKiosk(kioskId);
    const allowed = !this.deps.authenticator.isKioskRevokedByConfig(kioskId);
    this.deps.logger.warn('kiosk reinstated by an administrator', { kioskId, adminId, lifted, allowed });
    return { allowed };
  }

  issueCode(adminId: string, kioskId: string): { code: string; expiresAt: number } {
    const records = this.requireListed(kioskId);
    if (!this.deps.codeKey) throw new ProtocolError('INVALID_STATE', 'Enrolment is off on this server: no enrolment key is configured.');
    if (this.deps.authenticator.isKioskRevoked(kioskId)) {
      throw new ProtocolError('INVALID_STATE', 'kioskId: that kiosk is revoked; reinstate it first.');
    }
    const issued = issueEnrolmentCode(
      {
        store: records,
        clock: this.deps.clock,
        codeKey: this.deps.codeKey,
        ttlMinutes: this.deps.codeTtlMinutes,
        ...(this.deps.generateCode ? { generateCode: this.deps.generateCode } : {}),
      },
      kioskId,
    );
    // The code itself is never logged: it is a credential until used.
    this.deps.logger.info('enrolment code issued by an administrator', { kioskId, adminId, expiresAt: issued.expiresAt });
    return issued;
  }

  private requireListed(kioskId: string): EnrolmentStore {
    if (!this.deps.records) throw new ProtocolError('INVALID_STATE', 'This server keeps no kiosk records.');
    // Administrators see every site, so saying the id is unknown reveals nothing they could not read in the config.
    if (!this.deps.authenticator.isKioskListed(kioskId)) throw new ProtocolError('INVALID_STATE', 'kioskId: no kiosk with that id is listed in the config.');
    return this.deps.records;
  }
}
