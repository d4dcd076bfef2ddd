import type {
  HelpStep,
  KioskActivity,
  KioskConnection,
  KioskReportKind,
  ServerMessage,
  SiteHelpRequest,
  SiteKiosk,
  SiteSnapshot,
} from '../../../protocol/index.js';
import { KIOSK_SILENT_AFTER_MS } from '../../../protocol/index.js';
import type { Clock } from '../clock.js';
import { CLOSE_CODES } from '../closeCodes.js';
import type { KioskConfig, SiteConfig, StaffConfig } from '../config.js';
import type { KioskDeviceStatus } from '../devices/deviceStatusStore.js';
import { randomId } from '../ids.js';
import type { Logger } from '../logger.js';
import { OverviewSchedule } from '../overview/overviewSchedule.js';
import { ProtocolError } from '../protocolError.js';
import { newResumeToken, resumeTokenMatches } from '../resume/resumeTokens.js';
import type { AttachOptions, AttachResult, Outbox } from '../switchboard/switchboard.js';

/**
 * An open help request nobody resolved is dropped after this long: the visitor has gone by then,
 * and a stale card would send staff to an empty kiosk.
 */
export const HELP_REQUEST_EXPIRY_MS = 30 * 60_000;

/** What the switchboard knows a kiosk is doing right now. */
export interface KioskLiveView {
  connection: KioskConnection;
  activity: KioskActivity;
  position?: number | undefined;
  waitedMs?: number | undefined;
}

export interface SiteDeskOptions {
  sites: readonly SiteConfig[];
  kiosks: readonly Pick<KioskConfig, 'id' | 'siteId'>[];
  clock: Clock;
  logger: Logger;
  /** Read at every push from the switchboard's live state. */
  kioskState(kioskId: string): KioskLiveView;
  deviceStatusOf(kioskId: string): KioskDeviceStatus | undefined;
  /** Kiosks whose latest report (before this start) said out of service. */
  outOfService?: Iterable<string>;
}

interface StaffSession {
  staff: StaffConfig;
  outbox: Outbox;
  /** What the last snapshot showed, without the durations: a push goes out only when this changes. */
  lastKey?: string;
}

interface OpenHelp {
  helpId: string;
  kioskId: string;
  step: HelpStep;
  requestedAt: number;
  acknowledgedBy?: string;
  acknowledgedAt?: number;
}

/**
 * The site staff's desk: who of each site's staff is connected, the open help requests per site
 * (memory only; the help_requests table keeps the record), and the push of `site.snapshot`.
 *
 * Site scope is enforced here and only here: a staff member is told about their own site, and a
 * message naming a kiosk of another site (or no kiosk at all) is FORBIDDEN, so nobody can learn
 * which kiosk ids exist elsewhere.
 */
export class SiteDesk {
  private readonly sitesById: ReadonlyMap<string, SiteConfig>;
  private readonly siteOfKiosk: ReadonlyMap<string, string>;
  private readonly kiosksOfSite = new Map<string, string[]>();
  /** staffId → the connected session (the newest connection wins, like an agent's). */
  private readonly sessions = new Map<string, StaffSession>();
  /**
   * staffId → sha256 of the resume token last given. Resuming grants nothing (the hello is authenticated
   * first); it only tells the console its view carried on, so it stays on screen through a blip.
   */
  private readonly resumeHashes = new Map<string, string>();
  /** siteId → kioskId → its open request: one per kiosk, a second tap refreshes the first. */
  private readonly help = new Map<string, Map<string, OpenHelp>>();
  private readonly outOfService: Set<string>;
  /** kioskId → the last time it connected, or was seen connected at a push (device checks count too, from the store). */
  private readonly lastSeen = new Map<string, number>();
  /** A kiosk never heard from since this start is silent once this long has passed. */
  private readonly startedAt: number;
  private schedule: OverviewSchedule | undefined;
  private closed = false;

  constructor(private readonly options: SiteDeskOptions) {
    this.sitesById = new Map(options.sites.map((s) => [s.id, s]));
    this.siteOfKiosk = new Map(options.kiosks.map((k) => [k.id, k.siteId]));
    for (const kiosk of options.kiosks) {
      const list = this.kiosksOfSite.get(kiosk.siteId) ?? [];
      list.push(kiosk.id);
      this.kiosksOfSite.set(kiosk.siteId, list);
    }
    this.outOfService = new Set(options.outOfService ?? []);
    this.startedAt = options.clock.now();
  }

  // ── staff sessions ───────────────────────────────────────────────────────

  /** A staff member signed in: welcome (through `greet`), then their site's snapshot at once. */
  attach(staff: StaffConfig, outbox: Outbox, options: AttachOptions = {}): AttachResult {
    const previous = this.sessions.get(staff.id);
    const resumed = resumeTokenMatches(options.resumeToken, this.resumeHashes.get(staff.id));
    if (previous && previous.outbox !== outbox) previous.outbox.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    const { token, hash } = newResumeToken();
    this.resumeHashes.set(staff.id, hash);
    const session: StaffSession = { staff, outbox };
    this.sessions.set(staff.id, session);
    const result = { resumeToken: token, resumed };
    options.greet?.(result);
    // Nothing is held for staff while away: the fresh snapshot is everything they missed.
    this.sendSnapshot(session, this.snapshot(staff.siteId));
    this.ensureSchedule();
    this.options.logger.info('staff attached', { staffId: staff.id, siteId: staff.siteId, resumed });
    return result;
  }

  /** A staff connection closed; ignored when a newer connection already took over. */
  lost(staffId: string, outbox: Outbox): void {
    const session = this.sessions.get(staffId);
    if (!session || session.outbox !== outbox) return;
    this.sessions.delete(staffId);
    if (this.sessions.size === 0) this.schedule?.stop();
  }

  // ── what changes a site ──────────────────────────────────────────────────

  /** Something a snapshot shows may have changed (a kiosk's connection, queue place, call, devices). */
  changed(): void {
    if (this.closed || this.sessions.size === 0) return;
    this.ensureSchedule();
    this.schedule?.changed();
  }

  /** A kiosk connected (any hello, also the short ones for a help request or a device check). */
  kioskSeen(kioskId: string): void {
    this.lastSeen.set(kioskId, this.options.clock.now());
    this.changed();
  }

  /** A visitor asked for help: one open request per kiosk; a second tap while open only updates the step. */
  helpRequested(kioskId: string, step: HelpStep): void {
    const siteId = this.siteOfKiosk.get(kioskId);
    if (siteId === undefined) return;
    const perKiosk = this.help.get(siteId) ?? new Map<string, OpenHelp>();
    this.help.set(siteId, perKiosk);
    const open = perKiosk.get(kioskId);
    if (open) open.step = step;
    else perKiosk.set(kioskId, { helpId: randomId('help'), kioskId, step, requestedAt: this.options.clock.now() });
    this.changed();
  }

  /** "I'm coming": the site's other staff see who took it. A second acknowledgement takes it over. */
  acknowledge(staffId: string, kioskId: string, helpId: string): void {
    const { siteId, open } = this.requireOpenHelp(staffId, kioskId, helpId);
    open.acknowledgedBy = staffId;
    open.acknowledgedAt = this.options.clock.now();
    this.options.logger.info('help acknowledged', { kioskId, siteId, staffId, waitedMs: open.acknowledgedAt - open.requestedAt });
    this.pushNow(siteId);
  }

  /** The visitor was helped: the request leaves every console of the site. */
  resolve(staffId: string, kioskId: string, helpId: string): void {
    const { siteId } = this.requireOpenHelp(staffId, kioskId, helpId);
    this.help.get(siteId)?.delete(kioskId);
    this.options.logger.info('help resolved', { kioskId, siteId, staffId });
    this.pushNow(siteId);
  }

  /** A staff member reset the kiosk: its visitor is gone, so is their help request. */
  kioskWasReset(staffId: string, kioskId: string): void {
    const siteId = this.requireOwnKiosk(staffId, kioskId);
    this.help.get(siteId)?.delete(kioskId);
    this.pushNow(siteId);
  }

  /** The kiosk's own out-of-service / back-in-service report (POST /api/kiosk-report). */
  kioskReported(kioskId: string, kind: KioskReportKind): void {
    if (kind === 'out-of-service') this.outOfService.add(kioskId);
    else this.outOfService.delete(kioskId);
    this.changed();
  }

  // ── reading ──────────────────────────────────────────────────────────────

  /** The site's kiosks and open help requests, as its staff see them. Expired requests are dropped here. */
  snapshot(siteId: string): SiteSnapshot {
    const now = this.options.clock.now();
    const kiosks = (this.kiosksOfSite.get(siteId) ?? []).map((kioskId) => this.kioskRow(kioskId, now));
    const perKiosk = this.help.get(siteId);
    const help: SiteHelpRequest[] = [];
    for (const [kioskId, open] of perKiosk ?? []) {
      if (now - open.requestedAt >= HELP_REQUEST_EXPIRY_MS) {
        perKiosk?.delete(kioskId);
        continue;
      }
      help.push({
        helpId: open.helpId,
        kioskId,
        step: open.step,
        waitedMs: now - open.requestedAt,
        ...(open.acknowledgedBy !== undefined && open.acknowledgedAt !== undefined
          ? { acknowledgedBy: open.acknowledgedBy, acknowledgedMsAgo: now - open.acknowledgedAt }
          : {}),
      });
    }
    // Oldest first: the visitor who has waited longest is at the top.
    help.sort((a, b) => b.waitedMs - a.waitedMs);
    const siteName = this.sitesById.get(siteId)?.name ?? siteId;
    return { type: 'site.snapshot', siteId, siteName, kiosks, help };
  }

  /** Open help requests of one site (tests, and the count in logs). */
  openHelpCount(siteId: string): number {
    return this.help.get(siteId)?.size ?? 0;
  }

  close(): void {
    this.closed = true;
    this.schedule?.stop();
  }

  private kioskRow(kioskId: string, now: number): SiteKiosk {
    const live = this.options.kioskState(kioskId);
    const devices = this.options.deviceStatusOf(kioskId);
    if (live.connection !== 'offline') this.lastSeen.set(kioskId, now);
    const seenAt = Math.max(this.lastSeen.get(kioskId) ?? Number.NEGATIVE_INFINITY, devices?.checkedAt ?? Number.NEGATIVE_INFINITY);
    const heard = Number.isFinite(seenAt);
    return {
      kioskId,
      connection: live.connection,
      activity: live.activity,
      ...(live.position !== undefined ? { position: live.position } : {}),
      ...(live.waitedMs !== undefined ? { waitedMs: Math.max(0, Math.round(live.waitedMs)) } : {}),
      ...(devices
        ? {
            devices: {
              camera: devices.camera,
              microphone: devices.microphone,
              speaker: devices.speaker,
              checkedMsAgo: Math.max(0, now - devices.checkedAt),
            },
          }
        : {}),
      outOfService: this.outOfService.has(kioskId),
      ...(heard ? { lastSeenMsAgo: Math.max(0, now - seenAt) } : {}),
      silent: now - (heard ? seenAt : this.startedAt) >= KIOSK_SILENT_AFTER_MS,
    };
  }

  /** The sender's site, if `kioskId` is one of its kiosks; FORBIDDEN otherwise (an unknown id reads the same). */
  requireOwnKiosk(staffId: string, kioskId: string): string {
    const session = this.sessions.get(staffId);
    if (!session) throw new ProtocolError('NOT_AUTHENTICATED');
    const siteId = session.staff.siteId;
    // An unknown kiosk reads exactly like another site's: ids elsewhere are not confirmed.
    if (this.siteOfKiosk.get(kioskId) !== siteId) throw new ProtocolError('FORBIDDEN', 'kioskId: that kiosk is not at your site.');
    return siteId;
  }

  private requireOpenHelp(staffId: string, kioskId: string, helpId: string): { siteId: string; open: OpenHelp } {
    const siteId = this.requireOwnKiosk(staffId, kioskId);
    const open = this.help.get(siteId)?.get(kioskId);
    if (!open || open.helpId !== helpId || this.options.clock.now() - open.requestedAt >= HELP_REQUEST_EXPIRY_MS) {
      throw new ProtocolError('INVALID_STATE', 'helpId: that help request is no longer open.');
    }
    return { siteId, open };
  }

  private ensureSchedule(): void {
    if (this.closed) return;
    this.schedule ??= new OverviewSchedule(this.options.clock, (full) => this.publish(full));
  }

  /** A staff action is answered at once (the acting console sees its own change without waiting). */
  private pushNow(siteId: string): void {
    const snapshot = this.snapshot(siteId);
    for (const session of this.sessions.values()) if (session.staff.siteId === siteId) this.sendSnapshot(session, snapshot);
  }

  /**
   * Each connected staff member gets their site's snapshot when what it shows changed, or on `full`
   * (the periodic refresh) while a time on it is moving (someone waits, or a request is open).
   */
  private publish(full: boolean): void {
    if (this.sessions.size === 0) {
      this.schedule?.stop();
      return;
    }
    const bySite = new Map<string, SiteSnapshot>();
    for (const session of this.sessions.values()) {
      const siteId = session.staff.siteId;
      let snapshot = bySite.get(siteId);
      if (!snapshot) {
        snapshot = this.snapshot(siteId);
        bySite.set(siteId, snapshot);
      }
      const timesMoving = snapshot.help.length > 0 || snapshot.kiosks.some((k) => k.activity === 'waiting');
      if ((full && timesMoving) || session.lastKey !== changeKey(snapshot)) this.sendSnapshot(session, snapshot);
    }
  }

  private sendSnapshot(session: StaffSession, snapshot: SiteSnapshot): void {
    session.lastKey = changeKey(snapshot);
    session.outbox.send(snapshot satisfies ServerMessage);
  }
}

/** The snapshot without its durations: equal keys mean nothing a person would notice changed. */
function changeKey(snapshot: SiteSnapshot): string {
  return JSON.stringify([
    snapshot.kiosks.map(({ waitedMs: _w, lastSeenMsAgo: _l, devices, ...rest }) => [rest, devices ? [devices.camera, devices.microphone, devices.speaker] : null]),
    snapshot.help.map(({ waitedMs: _w, acknowledgedMsAgo: _a, ...rest }) => rest),
  ]);
}
