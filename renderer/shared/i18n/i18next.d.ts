// Typed keys for every app: a misspelt key or namespace is a compile error.
// Namespace names are unique across apps, so one merged type serves kiosk, agent and staff alike.
import 'i18next';
import type { agentEn } from '../../agent/i18n/en.js';
import type { kioskEn } from '../../kiosk/i18n/en.js';
import type { staffEn } from '../../staff/i18n/en.js';
import type { sharedEn } from './en.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof sharedEn & typeof kioskEn & typeof agentEn & typeof staffEn;
  }
}
