import { z } from 'zod';

/**
 * Abuse limits, origin allow-list and TLS. Every default is chosen so a real kiosk, a
 * real agent console and a real WebRTC call never reach it (see rateLimits.test.ts).
 */

/** Per connection: a WebRTC call sends tens of ICE candidates in a burst, then a trickle. */
export const DEFAULT_MESSAGES_PER_SECOND = 50;
export const DEFAULT_MESSAGE_BURST = 300;
/** Bytes per connection: an SDP is 3–15 KiB; a renegotiation storm stays far below this. */
export const DEFAULT_BYTES_PER_SECOND = 512 * 1024;
export const DEFAULT_BYTE_BURST = 4 * 1024 * 1024;
/** Refused frames a connection may send (beyond one a second) before it is closed 4429. */
export const DEFAULT_STRIKES_BEFORE_CLOSE = 50;
/** Per remote address: a partner office puts many kiosks and tablets behind one NAT address. */
export const DEFAULT_CONNECTIONS_PER_SECOND = 5;
export const DEFAULT_CONNECTION_BURST = 60;
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;
/** Failed hellos (any role) per address before its hellos are refused for a while. */
export const DEFAULT_FAILED_LOGINS_PER_ADDRESS = 30;
/** Origins a browser-side client may connect from besides the server's own. */
export const KIOSK_APP_ORIGIN = 'app://kiosk';

const PositiveInt = z.number().int().positive();

export const TlsConfig = z.object({
  /** PEM certificate chain. */
  certFile: z.string().min(1),
  /** PEM private key. */
  keyFile: z.string().min(1),
});

export const RateLimitConfig = z.object({
  messagesPerSecond: PositiveInt.max(1_000_000).default(DEFAULT_MESSAGES_PER_SECOND),
  messageBurst: PositiveInt.max(1_000_000).default(DEFAULT_MESSAGE_BURST),
  bytesPerSecond: PositiveInt.default(DEFAULT_BYTES_PER_SECOND),
  byteBurst: PositiveInt.default(DEFAULT_BYTE_BURST),
  strikesBeforeClose: PositiveInt.max(1_000_000).default(DEFAULT_STRIKES_BEFORE_CLOSE),
  connectionsPerSecond: PositiveInt.max(1_000_000).default(DEFAULT_CONNECTIONS_PER_SECOND),
  connectionBurst: PositiveInt.max(1_000_000).default(DEFAULT_CONNECTION_BURST),
  maxConnectionsPerAddress: PositiveInt.max(1_000_000).default(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
  failedLoginsPerAddress: PositiveInt.max(1_000_000).default(DEFAULT_FAILED_LOGINS_PER_ADDRESS),
});

export const SecurityConfig = z.object({
  rateLimits: RateLimitConfig.default(RateLimitConfig.parse({})),
  /**
   * Origins allowed on the WebSocket upgrade besides the server's own (same host as the
   * Host header) and app://kiosk. A request without Origin (not a browser) is allowed.
   */
  allowedOrigins: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/, 'an origin like https://host:port')).max(64).default([]),
  /** Trust the last X-Forwarded-For hop as the client address (only behind your own proxy). */
  trustForwardedFor: z.boolean().default(false),
  tls: TlsConfig.optional(),
});

export type SecurityConfig = z.infer<typeof SecurityConfig>;
export type RateLimitConfig = z.infer<typeof RateLimitConfig>;
export type SecurityConfigInput = z.input<typeof SecurityConfig>;

/** The config's `security` section with every default filled in (also when it is absent). */
export function resolveSecurityConfig(section: SecurityConfigInput | undefined): SecurityConfig {
  return SecurityConfig.parse(section ?? {});
}
