import { safeStorage } from 'electron';
import type { SecureStorage } from '../enrolment/secure-storage.js';

/** Electron's safeStorage behind our interface; the keyring backend is asked for on Linux only (the API is Linux-only). */
export function electronSecureStorage(platform: NodeJS.Platform = process.platform): SecureStorage {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
    ...(platform === 'linux' ? { linuxBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
  };
}
