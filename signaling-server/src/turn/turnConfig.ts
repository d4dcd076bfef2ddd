import { z } from 'zod';

/** Short secrets can be brute-forced offline from one captured username/credential pair. */
export const TURN_SECRET_MIN_LENGTH = 32;
export const DEFAULT_TURN_TTL_SECONDS = 3600;
/** Below a minute, clock skew between this server and coturn would refuse fresh credentials. */
export const MIN_TURN_TTL_SECONDS = 60;
/** A leaked credential opens the relay for at most a day. */
export const MAX_TURN_TTL_SECONDS = 86_400;
export const MAX_TURN_URLS = 8;

/** `turn:host:port?transport=udp|tcp` or `turns:host:443?transport=tcp` (TLS, for networks that only allow HTTPS). */
const TurnUrl = z
  .string()
  .max(512)
  .regex(/^turns?:[^\s?]+(\?transport=(udp|tcp))?$/, 'a turn: or turns: URL, e.g. turns:turn.example.gc.ca:443?transport=tcp');

/**
 * The signaling server and coturn share `secret` (coturn: `use-auth-secret` + `static-auth-secret`);
 * the server mints time-limited credentials from it and never hands the secret itself to anyone.
 */
export const TurnConfig = z.object({
  secret: z.string().min(TURN_SECRET_MIN_LENGTH, `at least ${TURN_SECRET_MIN_LENGTH} characters`).max(256),
  urls: z.array(TurnUrl).min(1).max(MAX_TURN_URLS),
  ttlSeconds: z.number().int().min(MIN_TURN_TTL_SECONDS).max(MAX_TURN_TTL_SECONDS).default(DEFAULT_TURN_TTL_SECONDS),
  /** coturn's `realm`. Browsers learn it from coturn's challenge; kept here so both files can be compared. */
  realm: z.string().min(1).max(256).optional(),
});
export type TurnConfigInput = z.input<typeof TurnConfig>;
export type TurnConfig = z.infer<typeof TurnConfig>;
