/** Named loggers for the main process. Callers pass codes and counts, never personal data or the kiosk token. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

export function createLogger(name: string, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const log = (level: Level) => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, logger: name, message, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
