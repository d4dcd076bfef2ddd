import { readFileSync } from 'node:fs';
import type { Clock } from '../clock.js';
import { createFieldCipher, loadFieldKey } from '../crypto/fieldCipher.js';
import type { Logger } from '../logger.js';
import { DAY_MS } from '../retention/retentionConfig.js';
import type { Store } from '../store/store.js';
import { CallbackDesk } from './callbackDesk.js';
import type { CallbacksConfig } from './callbacksConfig.js';

export interface CallbackSetup {
  config: CallbacksConfig;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** KIOSK_FIELD_KEY is read from here. */
  env: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => string;
}

/**
 * The desk when a field key is configured and the store can hold callbacks; otherwise undefined,
 * with one clear line in the log, and the kiosk is never offered a callback.
 */
export function setUpCallbacks(setup: CallbackSetup): CallbackDesk | undefined {
  const { config, store, logger } = setup;
  const key = loadFieldKey({
    envKey: setup.env['KIOSK_FIELD_KEY'],
    keyFile: config.keyFile,
    inlineKey: config.key,
    readFile: setup.readFile ?? ((path) => readFileSync(path, 'utf8')),
  });
  if (!key.ok) {
    logger.warn(`callbacks disabled: ${key.reason}; the kiosk will not offer a callback`);
    return undefined;
  }
  if (!store.callbacks) {
    logger.warn('callbacks disabled: the store cannot hold callbacks; the kiosk will not offer a callback');
    return undefined;
  }
  const cipher = createFieldCipher(key.key);
  logger.info('callbacks enabled: phone numbers sealed with AES-256-GCM', {
    keySource: key.source,
    keyId: cipher.keyId,
    retentionDays: config.retentionDays,
  });
  return new CallbackDesk({ store: store.callbacks, cipher, clock: setup.clock, logger, keepMs: config.retentionDays * DAY_MS });
}
