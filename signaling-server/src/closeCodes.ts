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
  /** Server shutting down. */
  goingAway: 1001,
} as const;
