import { createActor } from 'xstate';
import { applyLanguage, createI18n } from '../shared/i18n/createI18n.js';
import { sharedEn } from '../shared/i18n/en.js';
import { sharedFr } from '../shared/i18n/fr.js';
import { createLogger } from '../shared/log/logger.js';
import { createSignalingActor } from '../shared/net/signalingActor.js';
import { sameOriginSignalingUrl } from '../shared/net/signalingClient.js';
import '../shared/ui/base.css';
import { mountApp } from '../shared/ui/mountApp.js';
import { App } from './App.js';
import { staffEn } from './i18n/en.js';
import { staffFr } from './i18n/fr.js';
import { staffMachine, type StaffSignalingInput } from './machines/staffMachine.js';
import './staff.css';

const log = createLogger('staff');
// The console's own choice of language starts from the browser's; staff can switch at any time.
const initialLanguage = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
const i18n = createI18n({ en: { ...sharedEn, ...staffEn }, fr: { ...sharedFr, ...staffFr } }, initialLanguage);
document.documentElement.lang = initialLanguage;

const machine = staffMachine.provide({
  actors: {
    signaling: createSignalingActor<StaffSignalingInput>({
      resolveEndpoint: ({ login }) => ({
        url: sameOriginSignalingUrl(window.location),
        credentials: { role: 'staff', username: login.username, password: login.password },
      }),
      logger: createLogger('staff.signaling'),
    }),
  },
  actions: {
    applyLanguage: (_, { language }) => applyLanguage(i18n, language),
  },
});

const actor = createActor(machine);
actor.subscribe({ error: (error) => log.error('staff machine stopped', { error: String(error) }) });
actor.start();

mountApp({ i18n, page: 'staff/index.html' }, <App actor={actor} />);
