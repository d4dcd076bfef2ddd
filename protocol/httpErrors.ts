import { z } from 'zod';

/**
 * The coded error body every JSON-over-HTTP endpoint answers with (docs/protocol.md, "HTTP endpoints"):
 * `{ error: { code, message } }`. Each endpoint lists its own codes; these are the ones any JSON POST can
 * draw before its own logic runs (wrong method, rate limit, wrong body), so every such endpoint lists them first.
 */
export const JSON_POST_ERROR_CODES = [
  'BAD_JSON',
  'INVALID_REQUEST',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'RATE_LIMITED',
] as const;
export type JsonPostErrorCode = (typeof JSON_POST_ERROR_CODES)[number];

/** A message is one or two sentences plus the failing field; longer is cut, never sent. */
export const MAX_HTTP_ERROR_MESSAGE_CHARS = 500;

/** The error body schema for one endpoint's code enum. */
export function httpErrorResponse<Code extends z.ZodType<string>>(code: Code) {
  return z.object({
    error: z.object({ code, message: z.string().max(MAX_HTTP_ERROR_MESSAGE_CHARS) }),
  });
}
