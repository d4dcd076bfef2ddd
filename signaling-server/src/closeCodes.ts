/** WebSocket close codes the server uses (4000–4999 is the application range). */
export const CLOSE_CODES = {
  /** hello with wrong credentials. */
  authFailed: 4401,
  /** hello with a protocol version this server does not speak. */
  unsupportedProtocol: 4406,
  /** No hello within HELLO_TIMEOUT_MS. */
  helloTimeout: 4408,
  /** The same kiosk or agent connected again; the newest connection wins. */
  replaced: 4409,
  /** The agent sent session.logout: its session tokens are revoked. */
  loggedOut: 4410,
  /** Kept sending past the rate limit (after error RATE_LIMITED), or its address failed too many hellos. */
  rateLimited: 4429,
  /** Server shutting down. */
  goingAway: 1001,
} as const;
