import { ERROR_MESSAGES, type ErrorCode } from '../../protocol/index.js';

/**
 * An expected refusal, answered to the client with its stable code. Anything else
 * thrown by a handler is a bug and is answered with INTERNAL.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
