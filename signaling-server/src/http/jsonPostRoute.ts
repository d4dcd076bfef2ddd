import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { MAX_HTTP_ERROR_MESSAGE_CHARS, parse, type JsonPostErrorCode } from '../../../protocol/index.js';
import type { Logger } from '../logger.js';
import type { AddressGuard } from '../security/addressGuard.js';
import { clientAddress } from '../security/clientAddress.js';
import { sendJson } from './responses.js';

/**
 * The pipeline every JSON POST endpoint shares before its own logic: method, per-address rate limit, media
 * type, size-limited body, JSON, schema (naming the failing field), each refused with a coded JSON error
 * (protocol/httpErrors.ts). Failures after the rate-limit check draw on the address's failed-login budget.
 */

/** The statuses of the codes any JSON POST can draw; an endpoint adds its own. */
export const JSON_POST_STATUS: Record<JsonPostErrorCode, number> = {
  BAD_JSON: 400,
  INVALID_REQUEST: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
};

/** The messages of the codes any JSON POST can draw; `invalidRequest` names what the body is. */
export function jsonPostMessages(maxBodyBytes: number, invalidRequest: string): Record<JsonPostErrorCode, string> {
  return {
    BAD_JSON: 'The body is not valid JSON.',
    INVALID_REQUEST: invalidRequest,
    BODY_TOO_LARGE: `The body is larger than ${maxBodyBytes} bytes.`,
    UNSUPPORTED_MEDIA_TYPE: 'The body must be application/json.',
    METHOD_NOT_ALLOWED: 'Only POST is allowed.',
    RATE_LIMITED: 'Too many failed attempts from this address; try again later.',
  };
}

/** The body, or undefined once it passes the limit (reading stops there). */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** A request that passed the shared pipeline, handed to the endpoint's own logic. */
export interface ValidJsonPost<Code extends string, Body> {
  req: IncomingMessage;
  res: ServerResponse;
  body: Body;
  /** Refuse and count it against the address (a wrong credential or code). */
  failed: (code: Code, detail?: string) => void;
  /** Refuse without counting it (the server, not the client, is the reason). */
  refuse: (code: Code, detail?: string) => void;
}

/** `Code` is the endpoint's whole code list, the shared JSON POST codes among them. */
export interface JsonPostRouteOptions<Code extends string, Schema extends z.ZodType> {
  schema: Schema;
  maxBodyBytes: number;
  status: Record<Code | JsonPostErrorCode, number>;
  messages: Record<Code | JsonPostErrorCode, string>;
  /** Headers a refusal with this code also carries (e.g. WWW-Authenticate with 401). */
  headers?: Partial<Record<Code, Readonly<Record<string, string>>>>;
  /** Failed requests draw on the same per-address budget as failed hellos. */
  addresses: AddressGuard;
  trustForwardedFor: boolean;
  logger: Logger;
  /** What the warning says when a request is refused (with its code, never the body). */
  refusedLogMessage: string;
  handle: (request: ValidJsonPost<Code | JsonPostErrorCode, z.infer<Schema>>) => void | Promise<void>;
}

export function createJsonPostRoute<Code extends string, Schema extends z.ZodType>(options: JsonPostRouteOptions<Code, Schema>) {
  type AnyCode = Code | JsonPostErrorCode;
  const { schema, maxBodyBytes, status, messages, headers, addresses, trustForwardedFor, logger, refusedLogMessage, handle } = options;

  function refuse(res: ServerResponse, code: AnyCode, detail?: string): void {
    const message = detail ? `${messages[code]} ${detail}`.slice(0, MAX_HTTP_ERROR_MESSAGE_CHARS) : messages[code];
    for (const [name, value] of Object.entries(headers?.[code as Code] ?? {})) res.setHeader(name, value);
    sendJson(res, status[code], { error: { code, message } });
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 'METHOD_NOT_ALLOWED');
    }
    const address = clientAddress(req, trustForwardedFor);
    if (!addresses.loginAllowed(address)) return refuse(res, 'RATE_LIMITED');
    const failed = (code: AnyCode, detail?: string) => {
      addresses.recordFailedLogin(address);
      logger.warn(refusedLogMessage, { code });
      // An unread body must not keep the connection: the client gets its answer, then the socket closes.
      res.setHeader('Connection', 'close');
      refuse(res, code, detail);
    };
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') return failed('UNSUPPORTED_MEDIA_TYPE');
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) return failed('BODY_TOO_LARGE');
    const raw = await readLimitedBody(req, maxBodyBytes);
    if (raw === undefined) return failed('BODY_TOO_LARGE');
    let data: unknown;
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      return failed('BAD_JSON');
    }
    const parsed = parse(schema, data);
    if (!parsed.ok) return failed('INVALID_REQUEST', parsed.message);
    await handle({ req, res, body: parsed.value, failed, refuse: (code, detail) => refuse(res, code, detail) });
  };
}
