import { describe, expect, it, vi } from 'vitest';
import { checkDevices, type DeviceProbe } from './deviceCheck.js';

const device = (kind: MediaDeviceKind): MediaDeviceInfo =>
  ({ kind, deviceId: '', groupId: '', label: '', toJSON: () => ({}) }) as MediaDeviceInfo;

function probe(kinds: MediaDeviceKind[], permissions: Record<string, string> = {}): DeviceProbe {
  return {
    mediaDevices: { enumerateDevices: vi.fn(async () => kinds.map(device)) },
    permissions: {
      query: async ({ name }) => {
        const state = permissions[name];
        if (!state) throw new TypeError(`'${name}' is not a valid permission name`);
        return { state };
      },
    },
  };
}

describe('checkDevices', () => {
  it('reports ok for each kind that is present and not refused', async () => {
    const report = await checkDevices(probe(['videoinput', 'audioinput', 'audiooutput'], { camera: 'prompt', microphone: 'granted' }));
    expect(report).toEqual({ camera: 'ok', microphone: 'ok', speaker: 'ok' });
  });

  it('reports a kind the browser does not list as missing', async () => {
    expect(await checkDevices(probe(['audioinput', 'audiooutput']))).toEqual({ camera: 'missing', microphone: 'ok', speaker: 'ok' });
    expect(await checkDevices(probe([]))).toEqual({ camera: 'missing', microphone: 'missing', speaker: 'missing' });
  });

  it('reports a present device whose permission is denied as blocked', async () => {
    const report = await checkDevices(probe(['videoinput', 'audioinput', 'audiooutput'], { camera: 'denied', microphone: 'granted' }));
    expect(report).toEqual({ camera: 'blocked', microphone: 'ok', speaker: 'ok' });
  });

  it('prefers missing over blocked: a refused camera that is not there is missing', async () => {
    expect((await checkDevices(probe(['audioinput'], { camera: 'denied' }))).camera).toBe('missing');
  });

  it('says unknown when the browser cannot list devices, and never opens one', async () => {
    expect(await checkDevices({})).toEqual({ camera: 'unknown', microphone: 'unknown', speaker: 'unknown' });
    const failing: DeviceProbe = { mediaDevices: { enumerateDevices: () => Promise.reject(new Error('NotAllowed')) } };
    expect(await checkDevices(failing)).toEqual({ camera: 'unknown', microphone: 'unknown', speaker: 'unknown' });
    const getUserMedia = vi.fn();
    const spying = { ...probe(['videoinput']), mediaDevices: { enumerateDevices: async () => [device('videoinput')], getUserMedia } };
    await checkDevices(spying);
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('treats a missing Permissions API as not refused', async () => {
    const report = await checkDevices({ mediaDevices: { enumerateDevices: async () => [device('videoinput'), device('audioinput')] } });
    expect(report).toEqual({ camera: 'ok', microphone: 'ok', speaker: 'missing' });
  });
});
