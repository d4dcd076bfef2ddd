import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKioskConfig, type ConfigResult } from './kiosk-config.js';

/** Environment variable naming the config file; overrides the default location. */
export const CONFIG_ENV_VAR = 'KIOSK_CONFIG';
/** File name of the config inside Electron's userData folder. */
export const CONFIG_FILE_NAME = 'kiosk.json';

export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  userDataDir: string;
  readFile?: (path: string) => string;
}

export function configPath({ env, userDataDir }: ConfigSources): string {
  const fromEnv = env[CONFIG_ENV_VAR];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : join(userDataDir, CONFIG_FILE_NAME);
}

/** Reads and validates the config. Never throws: every failure is a message naming the file and the problem. */
export function loadKioskConfig(sources: ConfigSources): ConfigResult {
  const path = configPath(sources);
  const readFile = sources.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? `file not found (set ${CONFIG_ENV_VAR} or create it)` : `cannot read file (${code ?? 'unknown error'})`;
    return { ok: false, message: `kiosk config ${path}: ${hint}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: `kiosk config ${path}: not valid JSON` };
  }
  return parseKioskConfig(data, path);
}
