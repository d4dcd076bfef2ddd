import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, parseServerFrame, type ClientMessage, type ServerMessage } from '../../../protocol/index.js';

/** A command waits this long for the server's answer before giving up. */
export const ADMIN_COMMAND_TIMEOUT_MS = 15_000;

export interface AdminLogin {
  username: string;
  password: string;
}

/** The answers an administrator's command can get: the expected reply, or the server's coded error. */
type AdminReply = Extract<ServerMessage, { type: 'kiosk.revoked' | 'kiosk.reinstated' | 'enrolment.issued' | 'error' }>;

/** `http(s)://host:port` (or the ws URL itself) → the server's WebSocket endpoint. */
export function adminSocketUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`--server "${server}" is not a URL (e.g. https://kiosk.example.ca).`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`--server "${server}" must be http(s) or ws(s).`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/ws';
  return url.href;
}

/**
 * One administrator command over the same pipeline as every client (authenticated hello, rate
 * limits, CLIENT_MESSAGE_ROLES): hello as `admin`, the command, its answer, `session.logout`.
 * Resolves with the reply (an `error` reply included); rejects when the sign-in is refused or the
 * server cannot be reached.
 */
export function runAdminCommand(server: string, login: AdminLogin, command: ClientMessage, timeoutMs = ADMIN_COMMAND_TIMEOUT_MS): Promise<AdminReply> {
  const url = adminSocketUrl(server);
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let signedIn = false;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'session.logout' }));
      socket.close();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`No answer from ${url} within ${timeoutMs / 1000} s.`))), timeoutMs);
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, credentials: { role: 'admin', ...login } }));
    });
    socket.on('message', (data) => {
      const parsed = parseServerFrame(String(data));
      if (!parsed.ok) return;
      const message = parsed.value;
      if (!signedIn) {
        if (message.type === 'welcome') {
          signedIn = true;
          socket.send(JSON.stringify(command));
        } else if (message.type === 'error') {
          finish(() => reject(new Error(`Sign-in refused (${message.code}): ${message.message}`)));
        }
        return;
      }
      if (message.type === 'error' || message.type === 'kiosk.revoked' || message.type === 'kiosk.reinstated' || message.type === 'enrolment.issued') {
        finish(() => resolve(message));
      }
    });
    socket.on('error', (error) => finish(() => reject(new Error(`Cannot reach ${url}: ${error.message}`))));
    socket.on('close', (code) => finish(() => reject(new Error(`The server closed the connection (${code}) before answering.`))));
  });
}
