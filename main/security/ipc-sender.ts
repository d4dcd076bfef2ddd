import { z } from 'zod';
import { isSameOrigin } from './origin.js';

/** Every channel the preload may invoke; the main process handles these and nothing else. */
export const KIOSK_CHANNELS = ['kiosk:get-config', 'kiosk:end-visit'] as const;
export type KioskChannel = (typeof KIOSK_CHANNELS)[number];

export interface IpcSenderFacts {
  /** event.senderFrame?.url — undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** Whether the sending frame is the window's main frame (not an iframe). */
  isMainFrame: boolean;
}

/** Only our own page's main frame may call kiosk:*; an iframe or a page from elsewhere may not. */
export function isTrustedSender(sender: IpcSenderFacts, appOrigin: string): boolean {
  return sender.isMainFrame && isSameOrigin(sender.frameUrl, appOrigin);
}

/** Both calls take no arguments; anything else the page sends is refused, not ignored. */
const NO_ARGUMENTS = z.tuple([]);
const CHANNEL_ARGUMENTS: Readonly<Record<KioskChannel, z.ZodType>> = {
  'kiosk:get-config': NO_ARGUMENTS,
  'kiosk:end-visit': NO_ARGUMENTS,
};

export type InvokeVerdict = { ok: true } | { ok: false; code: 'UNTRUSTED_SENDER' | 'BAD_ARGUMENTS' | 'UNKNOWN_CHANNEL' };

/** The gate in front of every ipcMain.handle: who is calling, on which channel, with which arguments. */
export function validateKioskInvoke(channel: string, sender: IpcSenderFacts, args: readonly unknown[], appOrigin: string): InvokeVerdict {
  if (!isTrustedSender(sender, appOrigin)) return { ok: false, code: 'UNTRUSTED_SENDER' };
  if (!(KIOSK_CHANNELS as readonly string[]).includes(channel)) return { ok: false, code: 'UNKNOWN_CHANNEL' };
  const schema = CHANNEL_ARGUMENTS[channel as KioskChannel];
  if (!schema.safeParse(args).success) return { ok: false, code: 'BAD_ARGUMENTS' };
  return { ok: true };
}
