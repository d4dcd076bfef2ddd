import type { IncomingMessage } from 'node:http';

/**
 * The address per-address limits are keyed by. X-Forwarded-For is only believed when the
 * operator says a proxy of theirs is in front; its last hop is the one that proxy added.
 */
export function clientAddress(req: IncomingMessage, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    const header = req.headers['x-forwarded-for'];
    const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const last = list[list.length - 1]?.trim();
    if (last) return last.slice(0, 64);
  }
  return req.socket.remoteAddress ?? 'unknown';
}
