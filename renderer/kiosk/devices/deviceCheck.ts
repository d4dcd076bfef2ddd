import type { DeviceReport, DeviceState } from '../../../protocol/index.js';

/** What the check needs of the browser: injected, so tests pass fakes. Never getUserMedia. */
export interface DeviceProbe {
  /** `navigator.mediaDevices`; absent in an insecure context. */
  mediaDevices?: Pick<MediaDevices, 'enumerateDevices'>;
  /** `navigator.permissions`; absent in some browsers, and `query` may refuse a name it does not know. */
  permissions?: { query(descriptor: { name: 'camera' | 'microphone' }): Promise<{ state: string }> };
}

type Kind = 'videoinput' | 'audioinput' | 'audiooutput';

/**
 * Camera, microphone and speaker without opening any of them: the camera light never comes on at
 * idle. enumerateDevices lists kinds (labels stay empty without permission; none are needed) and
 * the Permissions API says whether use is refused. The speaker has no permission of its own.
 */
export async function checkDevices(probe: DeviceProbe): Promise<DeviceReport> {
  const present = await presentKinds(probe);
  const [camera, microphone] = await Promise.all([
    permissionState(probe, 'camera'),
    permissionState(probe, 'microphone'),
  ]);
  return {
    camera: stateOf(present, 'videoinput', camera),
    microphone: stateOf(present, 'audioinput', microphone),
    speaker: stateOf(present, 'audiooutput', undefined),
  };
}

async function presentKinds(probe: DeviceProbe): Promise<ReadonlySet<string> | undefined> {
  if (!probe.mediaDevices) return undefined;
  try {
    const devices = await probe.mediaDevices.enumerateDevices();
    return new Set(devices.map((device) => device.kind));
  } catch {
    return undefined;
  }
}

/** `denied`, `granted`, `prompt`, or undefined where the browser cannot say. */
async function permissionState(probe: DeviceProbe, name: 'camera' | 'microphone'): Promise<string | undefined> {
  if (!probe.permissions) return undefined;
  try {
    return (await probe.permissions.query({ name })).state;
  } catch {
    return undefined;
  }
}

function stateOf(present: ReadonlySet<string> | undefined, kind: Kind, permission: string | undefined): DeviceState {
  if (!present) return 'unknown';
  if (!present.has(kind)) return 'missing';
  return permission === 'denied' ? 'blocked' : 'ok';
}
