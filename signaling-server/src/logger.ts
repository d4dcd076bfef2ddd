/**
 * Named JSON-line loggers on stderr. Fields are redacted by key so a careless
 * `log.info('x', { token })` cannot leak a secret or a personal detail.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger for a sub-module: `root.child('queue')` logs as `server.queue`. */
  child(name: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where a finished line goes; stderr by default (stdout is for the CLI's own output). */
  write?: (line: string) => void;
}

export const REDACTED = '[redacted]';
/** Keys whose values never reach a log: secrets and anything that could identify a person. */
const SENSITIVE_KEY = /pass(word)?|token|secret|credential|authorization|cookie|phone|e-?mail|name|address|birth/i;
/** Bounds on what one log call can print, so a hostile value cannot flood the log. */
const MAX_DEPTH = 4;
const MAX_STRING_CHARS = 500;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING_CHARS ? `${value.slice(0, MAX_STRING_CHARS)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { error: value.name, message: value.message, stack: value.stack };
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(inner, depth + 1);
  }
  return out;
}

function levelFromEnvironment(): LogLevel {
  const fromEnv = process.env['LOG_LEVEL'];
  return (LOG_LEVELS as readonly string[]).includes(fromEnv ?? '') ? (fromEnv as LogLevel) : 'info';
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? levelFromEnvironment());
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const redacted = fields ? (redact(fields) as LogFields) : {};
    write(JSON.stringify({ time: new Date().toISOString(), level, logger: name, msg: message, ...redacted }));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (childName) => createLogger(`${name}.${childName}`, options),
  };
}

/** For tests: swallows everything. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
