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

/** What a member of a message union looks like: an object whose `type` is a literal. */
interface MessageSchema<T> extends z.ZodType<T> {
  shape: { type: { values: ReadonlySet<unknown> } };
}

/**
 * Each member of a message union under its `type`, read from the union itself so a message
 * added to it is covered here without a change. A frame is then checked against the one
 * schema its `type` names: the verdict and the issues are those of the whole union (zod's
 * discriminated union picks the same member), without going through the union per frame.
 */
export function schemasByType<T>(options: readonly MessageSchema<T>[]): ReadonlyMap<string, z.ZodType<T>> {
  const byType = new Map<string, z.ZodType<T>>();
  for (const option of options) {
    for (const type of option.shape.type.values) {
      if (typeof type !== 'string') throw new Error('A message type must be a string literal.');
      if (byType.has(type)) throw new Error(`Two messages share the type "${type}".`);
      byType.set(type, option);
    }
  }
  return byType;
}

const CLIENT_SCHEMAS = schemasByType<ClientMessage>(ClientMessage.options);
const SERVER_SCHEMAS = schemasByType<ServerMessage>(ServerMessage.options);

function parseFrame<T>(schemas: ReadonlyMap<string, z.ZodType<T>>, frame: string): ParseResult<T> {
  if (exceedsUtf8Bytes(frame, MAX_FRAME_BYTES)) return fail('FRAME_TOO_LARGE');
  let data: unknown;
  try {
    data = JSON.parse(frame);
  } catch {
    return fail('BAD_JSON');
  }
  const type =
    typeof data === 'object' && data !== null && 'type' in data ? (data as { type: unknown }).type : undefined;
  if (typeof type !== 'string') return fail('UNKNOWN_TYPE');
  // The hottest frame by far: a plain, valid signal is taken as it is (see isPlainSignal).
  if (type === 'signal' && schemas === CLIENT_SCHEMAS && isPlainSignal(data as Record<string, unknown>)) {
    return { ok: true, value: data as T };
  }
  const schema = schemas.get(type);
  if (schema === undefined) return { ...fail('UNKNOWN_TYPE'), inReplyTo: type.slice(0, 64) };
  const parsed: ParseResult<T> = parse(schema, data);
  return parsed.ok
    ? parsed
    : { ...parsed, message: `${ERROR_MESSAGES.INVALID_MESSAGE} ${parsed.message}`, inReplyTo: type };
}

const ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
const isId = (value: unknown): boolean => typeof value === 'string' && value.length >= 1 && value.length <= 128 && ID_PATTERN.test(value);

/**
 * A `signal` frame (protocol/messages.ts `SignalOut`) with nothing but valid `type`, `callId`,
 * optional `to` and an object `data`: exactly what the schema accepts and returns unchanged, so it
 * is taken as it is, without zod's copy and bookkeeping (one to two of these per ICE candidate,
 * the bulk of a signaling server's frames; docs/performance.md). Anything else, including extra
 * keys the schema would strip, goes through the schema and gets its exact verdict and message.
 * parse.test.ts checks this against the schema on random and mutated frames.
 */
function isPlainSignal(data: Record<string, unknown>): boolean {
  for (const key in data) {
    if (key !== 'type' && key !== 'callId' && key !== 'to' && key !== 'data') return false;
  }
  if (!isId(data.callId)) return false;
  if ('to' in data && !isId(data.to)) return false;
  const payload = data.data;
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload);
}

/** Parse a text frame a client sent. */
export function parseClientFrame(frame: string): ParseResult<ClientMessage> {
  return parseFrame(CLIENT_SCHEMAS, frame);
}

/** Parse a text frame the server sent (clients validate what they receive too). */
export function parseServerFrame(frame: string): ParseResult<ServerMessage> {
  return parseFrame(SERVER_SCHEMAS, frame);
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
