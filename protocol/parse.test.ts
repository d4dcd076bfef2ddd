import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { CLIENT_EXAMPLES } from './examples.js';
import { ERROR_MESSAGES } from './errors.js';
import { ClientMessage, ServerMessage } from './messages.js';
import { exceedsUtf8Bytes, parse, parseClientFrame, parseServerFrame, schemasByType, type ParseResult } from './parse.js';
import { MAX_FRAME_BYTES } from './version.js';

/**
 * The reference: every frame checked against the whole union, as parse.ts did before it
 * looked the member up by `type`. The fast path must give the same verdict, value, code,
 * message and inReplyTo for every frame.
 */
function parseAgainstUnion<T>(union: z.ZodType<T>, knownTypes: ReadonlySet<string>, frame: string): ParseResult<T> {
  if (exceedsUtf8Bytes(frame, MAX_FRAME_BYTES)) return { ok: false, code: 'FRAME_TOO_LARGE', message: ERROR_MESSAGES.FRAME_TOO_LARGE };
  let data: unknown;
  try {
    data = JSON.parse(frame);
  } catch {
    return { ok: false, code: 'BAD_JSON', message: ERROR_MESSAGES.BAD_JSON };
  }
  const type = typeof data === 'object' && data !== null && 'type' in data ? (data as { type: unknown }).type : undefined;
  if (typeof type !== 'string' || !knownTypes.has(type)) {
    return { ok: false, code: 'UNKNOWN_TYPE', message: ERROR_MESSAGES.UNKNOWN_TYPE, ...(typeof type === 'string' ? { inReplyTo: type.slice(0, 64) } : {}) };
  }
  const parsed = parse(union, data);
  return parsed.ok ? parsed : { ...parsed, message: `${ERROR_MESSAGES.INVALID_MESSAGE} ${parsed.message}`, inReplyTo: type };
}

const CLIENT_TYPES = new Set(ClientMessage.options.map((o) => o.shape.type.value as string));
const SERVER_TYPES = new Set(ServerMessage.options.map((o) => o.shape.type.value as string));

/** Values of the wrong kind for any field: each one breaks a field that expects something else. */
const WRONG_VALUES: unknown[] = [null, 42, -1, 1.5, '', 'x'.repeat(300), true, {}, [], ['a'], { nested: { deep: 1 } }, 'not an id!'];

/** The example itself, then every field removed, replaced by each wrong value, and one unknown field added, at every depth. */
function variantsOf(example: Record<string, unknown>): unknown[] {
  const variants: unknown[] = [example, { ...example, unexpected: 'field' }];
  const walk = (value: unknown, rebuild: (replacement: unknown) => unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, inner] of entries) {
      const replace = (replacement: unknown) =>
        rebuild(Array.isArray(value) ? value.map((v, i) => (i === key ? replacement : v)) : { ...value, [key]: replacement });
      if (!Array.isArray(value)) {
        const { [key as string]: _removed, ...rest } = value as Record<string, unknown>;
        variants.push(rebuild(rest));
      }
      for (const wrong of WRONG_VALUES) variants.push(replace(wrong));
      walk(inner, replace);
    }
  };
  walk(example, (replacement) => replacement);
  return variants;
}

const MALFORMED_FRAMES = [
  '',
  'not json',
  '{"type":',
  'null',
  '42',
  '"signal"',
  '[]',
  '[{"type":"signal"}]',
  '{}',
  '{"type":42}',
  '{"type":null}',
  '{"type":"no.such.type"}',
  `{"type":"${'t'.repeat(200)}"}`,
  '{"type":"__proto__"}',
  '{"type":"toString"}',
  '{"type":"constructor"}',
  '{"type":"signal","callId":"c-1","data":[]}',
  '{"type":"signal","callId":"c-1","data":{"__proto__":{"polluted":true}}}',
  '{"type":"hello","__proto__":{"protocol":1}}',
  JSON.stringify({ type: 'signal', callId: 'c-1', data: { sdp: 'x'.repeat(MAX_FRAME_BYTES) } }),
  JSON.stringify({ type: 'signal', callId: 'c-1', data: { sdp: 'é'.repeat(MAX_FRAME_BYTES / 2) } }),
];

describe('parseClientFrame looks the schema up by type', () => {
  const frames = [
    ...Object.values(CLIENT_EXAMPLES).flatMap((example) => variantsOf(example as Record<string, unknown>).map((v) => JSON.stringify(v))),
    ...MALFORMED_FRAMES,
  ];

  it('covers every client message type and no other', () => {
    expect([...schemasByType<ClientMessage>(ClientMessage.options).keys()].sort()).toEqual([...CLIENT_TYPES].sort());
    expect(Object.keys(CLIENT_EXAMPLES).sort()).toEqual([...CLIENT_TYPES].sort());
  });

  it('accepts every example unchanged in meaning', () => {
    for (const example of Object.values(CLIENT_EXAMPLES)) {
      const result = parseClientFrame(JSON.stringify(example));
      expect(result).toEqual({ ok: true, value: ClientMessage.parse(example) });
    }
  });

  it(`gives the whole union's verdict, value and error for ${frames.length} valid and broken frames`, () => {
    let refused = 0;
    for (const frame of frames) {
      const expected = parseAgainstUnion(ClientMessage, CLIENT_TYPES, frame);
      expect(parseClientFrame(frame), frame.slice(0, 200)).toEqual(expected);
      if (!expected.ok) refused += 1;
    }
    // The variants must really exercise the error path, not only the valid one.
    expect(refused).toBeGreaterThan(frames.length / 2);
  });

  it('keeps the error codes and messages a client sees', () => {
    expect(parseClientFrame('{"type":"signal","callId":"c 1","data":{}}')).toEqual({
      ok: false,
      code: 'INVALID_MESSAGE',
      message: `${ERROR_MESSAGES.INVALID_MESSAGE} callId: only letters, digits and . _ : -`,
      inReplyTo: 'signal',
    });
    expect(parseClientFrame('{"type":"nope"}')).toEqual({ ok: false, code: 'UNKNOWN_TYPE', message: ERROR_MESSAGES.UNKNOWN_TYPE, inReplyTo: 'nope' });
    expect(parseClientFrame('{"kind":"signal"}')).toEqual({ ok: false, code: 'UNKNOWN_TYPE', message: ERROR_MESSAGES.UNKNOWN_TYPE });
  });
});

describe('parseServerFrame looks the schema up by type', () => {
  it('covers every server message type', () => {
    expect([...schemasByType<ServerMessage>(ServerMessage.options).keys()].sort()).toEqual([...SERVER_TYPES].sort());
  });

  it("gives the whole union's verdict and error for server frames", () => {
    const frames = [
      JSON.stringify({ type: 'resume.gap', dropped: 3 }),
      JSON.stringify({ type: 'resume.gap', dropped: 0 }),
      JSON.stringify({ type: 'resume.gap' }),
      JSON.stringify({ type: 'error', code: 'RATE_LIMITED', message: 'slow down' }),
      JSON.stringify({ type: 'error', code: 'NO_SUCH_CODE', message: 'x' }),
      JSON.stringify({ type: 'presence.status', state: 'wrap-up' }),
      JSON.stringify({ type: 'presence.status', state: 'asleep' }),
      ...MALFORMED_FRAMES,
    ];
    for (const frame of frames) {
      expect(parseServerFrame(frame), frame.slice(0, 200)).toEqual(parseAgainstUnion(ServerMessage, SERVER_TYPES, frame));
    }
  });
});

describe('schemasByType', () => {
  it('refuses two members with the same type: the lookup would be ambiguous', () => {
    const a = z.object({ type: z.literal('same'), a: z.string() });
    const b = z.object({ type: z.literal('same'), b: z.string() });
    expect(() => schemasByType<unknown>([a, b])).toThrow('Two messages share the type "same".');
  });

  it('maps every value of a member whose type literal has several', () => {
    const both = z.object({ type: z.literal(['one', 'two']) });
    expect([...schemasByType<unknown>([both]).keys()]).toEqual(['one', 'two']);
  });
});

describe('the plain-signal fast path', () => {
  const id = fc.oneof(fc.constantFrom('c-1', 'm2', 'call_4QmWq3b0y5sV6Xr8', 'a'.repeat(128)), fc.string({ maxLength: 140 }));
  const anyJson = fc.jsonValue({ maxDepth: 2 });
  const signalish = fc.record(
    {
      type: fc.constant('signal'),
      callId: fc.oneof(id, anyJson),
      to: fc.oneof(id, anyJson),
      data: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }), anyJson),
      extra: anyJson,
    },
    { requiredKeys: ['type'] },
  );

  it('gives the schema’s exact verdict, value and message on random signal frames', () => {
    let accepted = 0;
    fc.assert(
      fc.property(signalish, (message) => {
        const frame = JSON.stringify(message);
        const expected = parseAgainstUnion(ClientMessage, CLIENT_TYPES, frame);
        expect(parseClientFrame(frame)).toEqual(expected);
        if (expected.ok) accepted += 1;
      }),
      { numRuns: 3_000 },
    );
    // Both paths must really be exercised.
    expect(accepted).toBeGreaterThan(30);
  });
});
