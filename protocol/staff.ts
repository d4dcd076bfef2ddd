import { z } from 'zod';
import { DeviceReport } from './devices.js';
import { HelpStep, Id } from './domain.js';

/**
 * What a partner office's staff see (role `staff`, docs/protocol.md "Site staff"): the kiosks of
 * their own site and the visitors there who asked for help. Never another site, never a ticket,
 * a call, an agent or anything about a visitor beyond the step they were at.
 */

/**
 * A kiosk not heard from for this long is flagged `silent`: it checks its devices every 10 minutes
 * (renderer/kiosk/devices), so two missed checks and some slack mean it is off, frozen or cut off.
 */
export const KIOSK_SILENT_AFTER_MS = 25 * 60_000;

/** A site is a partner office: a handful of kiosks, never hundreds. */
export const SITE_MAX_KIOSKS = 200;
/** At most one open help request per kiosk (a second tap refreshes the first). */
export const SITE_MAX_HELP_REQUESTS = SITE_MAX_KIOSKS;

const Milliseconds = z.number().int().nonnegative();

/**
 * Whether the kiosk holds a connection now. A kiosk connects only while a visitor is in a session
 * (and briefly for a help request or its device check every 10 minutes), so `offline` is normal
 * between visitors; `reconnecting` is a dropped connection within its resume grace (the visitor
 * keeps their place). A kiosk that is truly gone shows as `silent` instead.
 */
export const KIOSK_CONNECTIONS = ['online', 'reconnecting', 'offline'] as const;
export const KioskConnection = z.enum(KIOSK_CONNECTIONS);
export type KioskConnection = z.infer<typeof KioskConnection>;

/**
 * What the server knows the kiosk is doing. `idle` means no queue place and no call: the screen
 * may be at rest or a visitor may be answering the triage questions, which the server cannot see.
 */
export const KIOSK_ACTIVITIES = ['idle', 'waiting', 'in-call'] as const;
export const KioskActivity = z.enum(KIOSK_ACTIVITIES);
export type KioskActivity = z.infer<typeof KioskActivity>;

/** One kiosk of the site. Durations are relative to the snapshot, so no clocks need to agree. */
export const SiteKiosk = z.object({
  kioskId: Id,
  connection: KioskConnection,
  activity: KioskActivity,
  /** While waiting: the place in its line (1 = next) and how long the visitor has waited. */
  position: z.number().int().positive().optional(),
  waitedMs: Milliseconds.optional(),
  /** The kiosk's latest camera/microphone/speaker check, and how long ago it arrived; absent before the first. */
  devices: DeviceReport.extend({ checkedMsAgo: Milliseconds }).optional(),
  /** The kiosk's own report that its screen is showing the out-of-service page (kiosk crash policy). */
  outOfService: z.boolean(),
  /** How long ago the kiosk last connected or reported; absent when not heard from since the server started. */
  lastSeenMsAgo: Milliseconds.optional(),
  /** Not heard from for KIOSK_SILENT_AFTER_MS (counted from the server's start when never heard from). */
  silent: z.boolean(),
});
export type SiteKiosk = z.infer<typeof SiteKiosk>;

/** A visitor at one of the site's kiosks asked for someone to come over. */
export const SiteHelpRequest = z.object({
  helpId: Id,
  kioskId: Id,
  /** The kiosk screen the visitor was on. */
  step: HelpStep,
  waitedMs: Milliseconds,
  /** The opaque id of the staff member who said "I'm coming" (compare with welcome.clientId), and when. */
  acknowledgedBy: Id.optional(),
  acknowledgedMsAgo: Milliseconds.optional(),
});
export type SiteHelpRequest = z.infer<typeof SiteHelpRequest>;

// ── client → server (staff only, CLIENT_MESSAGE_ROLES) ──────────────────────
/**
 * "I'm coming": the other staff of the site see who took it. `helpId` guards against answering a
 * newer request from the next visitor at the same kiosk. A kiosk of another site is FORBIDDEN.
 */
export const HelpAcknowledge = z.object({ type: z.literal('help.acknowledge'), kioskId: Id, helpId: Id });
/** The visitor was helped: the request leaves every staff console of the site. */
export const HelpResolve = z.object({ type: z.literal('help.resolve'), kioskId: Id, helpId: Id });
/**
 * A kiosk of the staff member's own site starts over now: a visitor walked away mid-visit, or the
 * screen is stuck. Its queue place or call ends (recorded `reset-by-staff`) and it wipes the visit.
 */
export const KioskResetRequest = z.object({ type: z.literal('kiosk.reset'), kioskId: Id });

// ── server → client ─────────────────────────────────────────────────────────
/** To a kiosk: the office's staff reset it; wipe the visit and go back to the welcome screen. */
export const KioskReset = z.object({ type: z.literal('kiosk.reset') });
/**
 * To each staff member of the site: every kiosk and every open help request. Sent at sign-in and
 * whenever something shown changes (coalesced, at most a few per second), and refreshed while a
 * request is open so its waiting time stays true.
 */
export const SiteSnapshot = z.object({
  type: z.literal('site.snapshot'),
  siteId: Id,
  siteName: z.string().min(1).max(200),
  kiosks: z.array(SiteKiosk).max(SITE_MAX_KIOSKS),
  help: z.array(SiteHelpRequest).max(SITE_MAX_HELP_REQUESTS),
});
export type SiteSnapshot = z.infer<typeof SiteSnapshot>;
