/**
 * Stable error codes. Clients branch on the code; the message is for people.
 * Never reuse or renumber a code: add a new one.
 */
export const ERROR_MESSAGES = {
  BAD_JSON: 'The frame is not valid JSON.',
  FRAME_TOO_LARGE: 'The frame is larger than the 64 KiB limit.',
  UNKNOWN_TYPE: 'The message type is not part of this protocol.',
  INVALID_MESSAGE: 'The message does not match its schema.',
  UNSUPPORTED_PROTOCOL: 'The client speaks a protocol version this server does not support.',
  NOT_AUTHENTICATED: 'Send hello with valid credentials before anything else.',
  ALREADY_AUTHENTICATED: 'This connection is already authenticated.',
  AUTH_FAILED: 'The credentials were not accepted.',
  FORBIDDEN: 'Your role is not allowed to send this message.',
  NOT_IN_CALL: 'You are not a member of that call.',
  NO_SUCH_OFFER: 'That offer does not exist or is no longer yours.',
  ALREADY_QUEUED: 'This kiosk already has a visitor in the queue or in a call.',
  NOT_QUEUED: 'This kiosk has no visitor in the queue.',
  INVALID_STATE: 'That action is not possible in the current state.',
  INTERNAL: 'Something went wrong on the server; the request was not carried out.',
  RATE_LIMITED: 'Too many messages, connections or failed sign-ins; slow down and try again later.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];
