import type { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from './errors.js';
import { ClientMessage, ServerMessage } from './messages.js';
import { MAX_FRAME_BYTES } from './version.js';

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string; inReplyTo?: string };

/** The one way untrusted data becomes typed data: every trust boundary goes through here. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, code: 'INVALID_MESSAGE', message: describeIssues(result.error.issues) };
}

/** "credentials.token: Too small…; serviceLine: Invalid option…" — names what was wrong. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(message)'}: ${issue.message}`)
    .join('; ');
}

const CLIENT_TYPES = new Set<string>(ClientMessage.options.map((o) => o.shape.type.value));
const SERVER_TYPES = new Set<string>(ServerMessage.options.map((o) => o.shape.type.value));

function parseFrame<T>(schema: z.ZodType<T>, knownTypes: ReadonlySet<string>, frame: string): ParseResult<T> {
  if (exceedsUtf8Bytes(frame, MAX_FRAME_BYTES)) return fail('FRAME_TOO_LARGE');
  let data: unknown;
  try {
    data = JSON.parse(frame);
  } catch {
    return fail('BAD_JSON');
  }
  const type =
    typeof data === 'object' && data !== null && 'type' in data ? (data as { type: unknown }).type : undefined;
  if (typeof type !== 'string' || !knownTypes.has(type)) {
    return { ...fail('UNKNOWN_TYPE'), ...(typeof type === 'string' ? { inReplyTo: type.slice(0, 64) } : {}) };
  }
  const parsed: ParseResult<T> = parse(schema, data);
  return parsed.ok
    ? parsed
    : { ...parsed, message: `${ERROR_MESSAGES.INVALID_MESSAGE} ${parsed.message}`, inReplyTo: type };
}

/** Parse a text frame a client sent. */
export function parseClientFrame(frame: string): ParseResult<ClientMessage> {
  return parseFrame(ClientMessage, CLIENT_TYPES, frame);
}

/** Parse a text frame the server sent (clients validate what they receive too). */
export function parseServerFrame(frame: string): ParseResult<ServerMessage> {
  return parseFrame(ServerMessage, SERVER_TYPES, frame);
}

function fail(code: ErrorCode): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message: ERROR_MESSAGES[code] };
}

/** UTF-8 length check that stops early; protocol/ has neither TextEncoder nor Buffer by design. */
export function exceedsUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // surrogate pair: one 4-byte code point
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}
