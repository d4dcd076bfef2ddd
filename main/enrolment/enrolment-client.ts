import { ENROL_PATH, EnrolErrorResponse, EnrolResponse, type EnrolErrorCode } from '../../protocol/index.js';

/** Enrolment is one small request; a server that has not answered by then is treated as unreachable. */
export const ENROL_TIMEOUT_MS = 15_000;

export type FetchLike = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export type EnrolOutcome =
  | { ok: true; deviceSecret: string }
  /** The server said no (the code is wrong, used, expired…): a new code is needed. */
  | { ok: false; kind: 'refused'; code: EnrolErrorCode; message: string }
  /** No answer, or an answer that is not the enrolment API's: network, proxy, wrong serverUrl. */
  | { ok: false; kind: 'unreachable'; message: string };

/**
 * The HTTP(S) address of the enrolment endpoint, on the signaling server's host: wss:// → https://,
 * ws:// → http:// (the config allows ws:// on loopback only). Path prefixes of serverUrl are not kept.
 */
export function enrolmentUrlFor(serverUrl: string): string {
  return serverApiUrl(serverUrl, ENROL_PATH);
}

/** An HTTP(S) API path on the signaling server's host, derived from its ws(s):// address as above. */
export function serverApiUrl(serverUrl: string, path: string): string {
  const url = new URL(serverUrl);
  const protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return new URL(path, `${protocol}//${url.host}`).toString();
}

/** POSTs the one-time code; never throws. Neither the code nor the secret is logged or put in a message. */
export async function requestDeviceSecret(
  request: { serverUrl: string; kioskId: string; code: string },
  fetchImpl: FetchLike,
  timeoutMs: number = ENROL_TIMEOUT_MS,
): Promise<EnrolOutcome> {
  const url = enrolmentUrlFor(request.serverUrl);
  let response: Awaited<ReturnType<FetchLike>>;
  let body: unknown;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ kioskId: request.kioskId, code: request.code }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.json();
  } catch (error) {
    return { ok: false, kind: 'unreachable', message: `enrolment at ${url} failed: ${(error as Error).name}: ${(error as Error).message}` };
  }
  if (response.status === 200) {
    const parsed = EnrolResponse.safeParse(body);
    if (parsed.success) return { ok: true, deviceSecret: parsed.data.deviceSecret };
    return { ok: false, kind: 'unreachable', message: `enrolment at ${url}: the answer is not an enrolment response` };
  }
  const refusal = EnrolErrorResponse.safeParse(body);
  if (!refusal.success) return { ok: false, kind: 'unreachable', message: `enrolment at ${url}: HTTP ${response.status} without an enrolment error` };
  return { ok: false, kind: 'refused', code: refusal.data.error.code, message: `enrolment at ${url} refused: ${refusal.data.error.code}` };
}
