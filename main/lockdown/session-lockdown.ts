import type { MediaAccessPermissionRequest, Session } from 'electron';
import type { Logger } from '../log/logger.js';
import { decidePermissionCheck, decidePermissionRequest } from '../security/permissions.js';
import { originOf } from '../security/origin.js';

export type LockableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

/** Deny-by-default permissions on the kiosk session: camera and microphone for our own origin, nothing else. */
export function lockDownSession(ses: LockableSession, appOrigin: string, log: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    // Only 'media' requests carry these fields; both are optional in Electron's type, so reading them is safe for any request.
    const { securityOrigin, mediaTypes } = details as MediaAccessPermissionRequest;
    const granted = decidePermissionRequest(
      { permission, requestingUrl: details.requestingUrl, securityOrigin, mediaTypes },
      appOrigin,
    );
    if (!granted) log.warn('permission request denied', { permission, origin: originOf(details.requestingUrl) });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck(
      {
        permission,
        requestingOrigin,
        embeddingOrigin: details.embeddingOrigin,
        securityOrigin: details.securityOrigin,
        mediaType: details.mediaType,
      },
      appOrigin,
    ),
  );
  // USB, serial, HID, Bluetooth devices: the kiosk page never needs one.
  ses.setDevicePermissionHandler(() => false);
  // A kiosk never saves files for a visitor: whatever it is, the download is cancelled.
  ses.on('will-download', (event) => {
    event.preventDefault();
    log.warn('download blocked');
  });
}

export type WipeableSession = Pick<Session, 'clearStorageData' | 'clearCache' | 'clearAuthCache'>;

/**
 * Ends a visit: nothing the visitor did may be seen by the next one.
 * clearStorageData() without a filter clears every storage type and quota, including types added in later Electron versions.
 */
export async function wipeSession(ses: WipeableSession): Promise<void> {
  await Promise.all([ses.clearStorageData(), ses.clearCache(), ses.clearAuthCache()]);
}
