/**
 * Named loggers for the browser apps. Fields are redacted by key, so a careless
 * `log.warn('x', { token })` cannot leak a secret into the console or a crash report.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SENSITIVE_KEY = /pass(word)?|token|secret|credential|name|sdp|candidate/i;
const REDACTED = '[redacted]';

function redact(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) out[key] = SENSITIVE_KEY.test(key) ? REDACTED : value;
  return out;
}

export type LogSink = (level: 'info' | 'warn' | 'error', logger: string, message: string, fields: Record<string, unknown>) => void;

const consoleSink: LogSink = (level, logger, message, fields) => console[level](`[${logger}] ${message}`, fields);

export function createLogger(name: string, sink: LogSink = consoleSink): Logger {
  return {
    info: (message, fields) => sink('info', name, message, redact(fields)),
    warn: (message, fields) => sink('warn', name, message, redact(fields)),
    error: (message, fields) => sink('error', name, message, redact(fields)),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
