import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SecurityConfig } from './security/securityConfig.js';
import { describeIssues, IceServer, IceTransportPolicy, Id, InterpreterLanguage, Language, ServiceLine } from '../../protocol/index.js';
import { TurnConfig } from './turn/turnConfig.js';
import { RetentionConfig } from './retention/retentionConfig.js';
import { CallbacksConfig } from './callbacks/callbacksConfig.js';
import { EnrolmentConfig } from './enrolment/enrolmentConfig.js';
import { RoutingConfig } from './queue/routingConfig.js';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
export const DEFAULT_OFFER_TIMEOUT_MS = 20_000;
/** A dropped client keeps its queue place or call this long, waiting to resume (docs/recovery.md). */
export const DEFAULT_RESUME_GRACE_MS = 60_000;
/** `welcome` carries at most this many ICE servers (protocol); the TURN entry takes one. */
const MAX_WELCOME_ICE_SERVERS = 16;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase sha256 hex digest (64 characters)');
/** Produced by hashPassword: scrypt$N$r$p$salt$hash. */
const ScryptHash = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'a hash made by hashPassword (scrypt$N$r$p$salt$hash)');

export const SiteConfig = z.object({ id: Id, name: z.string().min(1).max(200) });
export const KioskConfig = z.object({
  id: Id,
  siteId: Id,
  /**
   * sha256 of a token installed by hand (or the demo's). Optional: a kiosk that enrols gets its
   * device secret from an enrolment code instead. A kiosk with neither is refused.
   */
  tokenSha256: Sha256Hex.optional(),
  /** A lost or stolen kiosk: its hello is refused (AUTH_FAILED). Applied on SIGHUP without a restart. */
  revoked: z.boolean().optional(),
});
export const AgentConfig = z.object({
  /** Opaque id written on records; never the username. */
  id: Id,
  username: z.string().min(1).max(64),
  passwordHash: ScryptHash,
  /**
   * The work name colleagues pick from for a warm transfer (e.g. "Marie T."). Shown to agents
   * only, never to kiosks, never written to records or logs. Absent: colleagues see the id.
   */
  displayName: z.string().trim().min(1).max(64).optional(),
  languages: z.array(Language).min(1),
  serviceLines: z.array(ServiceLine).min(1),
  /** Languages this agent serves through an interpreter (or signs); requests needing one go only to them. */
  interpreterLanguages: z.array(InterpreterLanguage).optional(),
  /** Also receives `supervisor.snapshot`: every line and every agent's state (docs/protocol.md). */
  supervisor: z.boolean().optional(),
});
/** Someone an agent brings into a call to interpret (or sign); never offered visitors directly. */
export const InterpreterConfig = z.object({
  id: Id,
  username: z.string().min(1).max(64),
  passwordHash: ScryptHash,
  /** The languages they speak with the agent. */
  languages: z.array(Language).min(1),
  /** The languages they interpret into (or sign). */
  interpreterLanguages: z.array(InterpreterLanguage).min(1),
});
/** A partner office's own staff: they see their site's kiosks and help requests, and nothing else. */
export const StaffConfig = z.object({
  id: Id,
  username: z.string().min(1).max(64),
  passwordHash: ScryptHash,
  siteId: Id,
});
/** Revokes kiosks and issues enrolment codes on the running server (protocol/admin.ts). */
export const AdminConfig = z.object({
  id: Id,
  username: z.string().min(1).max(64),
  passwordHash: ScryptHash,
});

export const ServerConfig = z
  .object({
    sites: z.array(SiteConfig),
    kiosks: z.array(KioskConfig),
    agents: z.array(AgentConfig),
    interpreters: z.array(InterpreterConfig).default([]),
    staff: z.array(StaffConfig).default([]),
    administrators: z.array(AdminConfig).default([]),
    iceServers: z.array(IceServer).max(MAX_WELCOME_ICE_SERVERS).default([]),
    /** TURN with time-limited credentials per client (docs/turn.md). */
    turn: TurnConfig.optional(),
    /** `relay` forces every call through TURN (hides visitors' addresses; the way to test TURN). */
    iceTransportPolicy: IceTransportPolicy.optional(),
    /** Folder with the built renderer (dist/renderer); served over HTTP when set. */
    staticDir: z.string().min(1).optional(),
    heartbeatIntervalMs: z.number().int().min(10).max(600_000).default(DEFAULT_HEARTBEAT_INTERVAL_MS),
    offerTimeoutMs: z.number().int().min(10).max(600_000).default(DEFAULT_OFFER_TIMEOUT_MS),
    /** 0 turns resuming off: a dropped client loses its place at once (the behaviour before issue 5). */
    resumeGraceMs: z.number().int().min(0).max(3_600_000).default(DEFAULT_RESUME_GRACE_MS),
    security: SecurityConfig.optional(),
    /** How long records are kept (docs/privacy.md); every value has a default (resolveRetentionConfig). */
    retention: RetentionConfig.optional(),
    /** Callbacks instead of a long wait (docs/privacy.md); off without a field key (resolveCallbacksConfig). */
    callbacks: CallbacksConfig.optional(),
    /** Kiosk enrolment codes (docs/security.md); every value has a default (resolveEnrolmentConfig). */
    enrolment: EnrolmentConfig.optional(),
    /** Priority, escalation and wait estimates (docs/routing.md); every value has a default (resolveRoutingConfig). */
    routing: RoutingConfig.optional(),
  })
  .superRefine((config, ctx) => {
    // Cross-references are checked here so a typo fails at start, not at the first hello.
    const siteIds = new Set(config.sites.map((s) => s.id));
    config.kiosks.forEach((kiosk, i) => {
      if (!siteIds.has(kiosk.siteId)) {
        ctx.addIssue({ code: 'custom', path: ['kiosks', i, 'siteId'], message: `unknown site "${kiosk.siteId}"` });
      }
    });
    config.staff.forEach((member, i) => {
      if (!siteIds.has(member.siteId)) {
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'siteId'], message: `unknown site "${member.siteId}"` });
      }
    });
    const flagDuplicates = (list: readonly Record<string, unknown>[], listName: string, key: string) => {
      const seen = new Set<unknown>();
      list.forEach((item, i) => {
        if (seen.has(item[key])) ctx.addIssue({ code: 'custom', path: [listName, i, key], message: `duplicate ${key}` });
        seen.add(item[key]);
      });
    };
    if (config.turn && config.iceServers.length >= MAX_WELCOME_ICE_SERVERS) {
      ctx.addIssue({ code: 'custom', path: ['iceServers'], message: `at most ${MAX_WELCOME_ICE_SERVERS - 1} when turn is set` });
    }
    if (config.iceTransportPolicy === 'relay' && !config.turn && !config.iceServers.some(hasTurnUrl)) {
      // Relay-only with no relay would make every call fail to connect.
      ctx.addIssue({ code: 'custom', path: ['iceTransportPolicy'], message: '"relay" needs a turn section or a turn: server' });
    }
    flagDuplicates(config.sites, 'sites', 'id');
    flagDuplicates(config.kiosks, 'kiosks', 'id');
    // One sign-in form serves every person: a username names one account, an id one person, across all lists.
    const people = PERSON_LISTS.flatMap((listName) => config[listName].map((person, i) => ({ listName, i, person })));
    for (const key of ['id', 'username'] as const) {
      const seen = new Set<string>();
      for (const { listName, i, person } of people) {
        if (seen.has(person[key])) ctx.addIssue({ code: 'custom', path: [listName, i, key], message: `duplicate ${key} (ids and usernames are unique across all people)` });
        seen.add(person[key]);
      }
    }
  });

/** The config lists of people, each a role: agents, interpreters, staff, administrators. */
const PERSON_LISTS = ['agents', 'interpreters', 'staff', 'administrators'] as const;

function hasTurnUrl(server: IceServer): boolean {
  const urls = Array.isArray(server.urls) ? server.urls : [server.urls];
  return urls.some((url) => /^turns?:/.test(url));
}

/** The config as written in the file (defaults optional). */
export type ServerConfigInput = z.input<typeof ServerConfig>;
/** The config after validation (defaults filled in). */
export type ServerConfig = z.infer<typeof ServerConfig>;
export type AgentConfig = z.infer<typeof AgentConfig>;
export type KioskConfig = z.infer<typeof KioskConfig>;
export type SiteConfig = z.infer<typeof SiteConfig>;
export type InterpreterConfig = z.infer<typeof InterpreterConfig>;
export type StaffConfig = z.infer<typeof StaffConfig>;
export type AdminConfig = z.infer<typeof AdminConfig>;

/** Validate a config object; throws an Error naming every bad field (e.g. `kiosks.0.tokenSha256`). */
export function parseConfig(data: unknown, source = 'config'): ServerConfig {
  const result = ServerConfig.safeParse(data);
  if (!result.success) throw new Error(`Invalid ${source}: ${describeIssues(result.error.issues)}`);
  return result.data;
}

export function loadConfig(path: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Config file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseConfig(data, `config file ${path}`);
}
