import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './parse.js';

describe('device.status', () => {
  it('accepts the three states from the enum', () => {
    const frame = JSON.stringify({ type: 'device.status', camera: 'blocked', microphone: 'ok', speaker: 'missing' });
    expect(parseClientFrame(frame)).toMatchObject({ ok: true });
  });

  it('refuses an unknown state and names the field', () => {
    const frame = JSON.stringify({ type: 'device.status', camera: 'broken', microphone: 'ok', speaker: 'ok' });
    const parsed = parseClientFrame(frame);
    expect(parsed).toMatchObject({ ok: false, code: 'INVALID_MESSAGE', inReplyTo: 'device.status' });
    expect(parsed.ok ? '' : parsed.message).toContain('camera');
  });

  it('refuses a report missing a kind', () => {
    const parsed = parseClientFrame(JSON.stringify({ type: 'device.status', camera: 'ok', microphone: 'ok' }));
    expect(parsed.ok ? '' : parsed.message).toContain('speaker');
  });
});
