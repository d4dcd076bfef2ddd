/**
 * The part of Electron's `safeStorage` the kiosk uses (platform/electron-host.ts passes the real one).
 * Strings are encrypted with a key the OS keeps (DPAPI, Keychain, libsecret/KWallet).
 */
export interface SecureStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the key. Absent on Windows and macOS. */
  linuxBackend?: () => string;
}

/**
 * Linux backends that do not protect the key: `basic_text` is a hard-coded key (encryption in name only),
 * `unknown` means none was chosen (asked before `ready`).
 */
export const UNPROTECTED_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/** Undefined when the device secret can be kept safely; otherwise why not (technical, for the log). */
export function secureStorageProblem(storage: SecureStorage): string | undefined {
  if (!storage.isEncryptionAvailable()) return 'safeStorage: encryption is not available on this system';
  const backend = storage.linuxBackend?.();
  if (backend !== undefined && UNPROTECTED_LINUX_BACKENDS.has(backend)) {
    return `safeStorage: the "${backend}" backend does not protect the key (install and unlock a keyring: gnome-libsecret or kwallet)`;
  }
  return undefined;
}
