import { describe, expect, it } from 'vitest';
import { DEVICE_STATES, HELP_STEPS, KIOSK_ACTIVITIES, KIOSK_CONNECTIONS } from '../../../protocol/index.js';
import { staffEn } from './en.js';

describe('staff console strings', () => {
  it('name every help step, kiosk connection, activity and device state of the protocol', () => {
    expect(Object.keys(staffEn.staffHelp.steps).sort()).toEqual([...HELP_STEPS].sort());
    expect(Object.keys(staffEn.staffKiosks.connection).sort()).toEqual([...KIOSK_CONNECTIONS].sort());
    expect(Object.keys(staffEn.staffKiosks.activity).sort()).toEqual([...KIOSK_ACTIVITIES].sort());
    expect(Object.keys(staffEn.staffKiosks.deviceStates).sort()).toEqual([...DEVICE_STATES].sort());
  });
});
