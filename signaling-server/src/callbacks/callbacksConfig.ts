import { z } from 'zod';

/** The ceiling: a callback number is never kept longer than a week. */
export const MAX_CALLBACK_RETENTION_DAYS = 7;

/**
 * The `callbacks` section. Without a key (KIOSK_FIELD_KEY, `keyFile`, or an inline `key`) callbacks
 * are off: the server says so at start and the kiosk is never offered one.
 */
export const CallbacksConfig = z.object({
  /** A file holding base64 of 32 random bytes; KIOSK_FIELD_KEY in the environment wins over it. */
  keyFile: z.string().min(1).optional(),
  /** Inline base64 key: for the generated demo config and tests; real sites use keyFile or the env. */
  key: z.string().min(1).max(256).optional(),
  /** Pending callbacks older than this are deleted, called or not. */
  retentionDays: z.number().int().min(1).max(MAX_CALLBACK_RETENTION_DAYS).default(MAX_CALLBACK_RETENTION_DAYS),
});
export type CallbacksConfig = z.infer<typeof CallbacksConfig>;

export function resolveCallbacksConfig(section: z.input<typeof CallbacksConfig> | undefined): CallbacksConfig {
  return CallbacksConfig.parse(section ?? {});
}
