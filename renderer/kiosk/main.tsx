import { createActor } from 'xstate';
import { createMediaActor, createPeerActor } from '../shared/call/peerActor.js';
import { applyLanguage, createI18n } from '../shared/i18n/createI18n.js';
import { sharedEn } from '../shared/i18n/en.js';
import { sharedFr } from '../shared/i18n/fr.js';
import { createLogger } from '../shared/log/logger.js';
import { createSignalingActor } from '../shared/net/signalingActor.js';
import { createWebSpeech } from '../shared/speech/speech.js';
import '../shared/ui/base.css';
import { mountApp } from '../shared/ui/mountApp.js';
import { App } from './App.js';
import { createBridge } from './bridge.js';
import { kioskEn } from './i18n/en.js';
import { kioskFr } from './i18n/fr.js';
import './kiosk.css';
import { kioskMachine } from './machines/kioskMachine.js';
import { createHelpRequestActor } from './net/helpRequestActor.js';

const log = createLogger('kiosk');
// Read (and erase from the address bar) the browser-mode credentials before anything else runs.
const bridge = createBridge(window);
// The voice is the host's: Chromium's (Electron) or the browser's; silent where there is none.
const speech = createWebSpeech(window);
const i18n = createI18n({ en: { ...sharedEn, ...kioskEn }, fr: { ...sharedFr, ...kioskFr } }, 'en');

const kioskEndpoint = async () => {
  const config = await bridge.getConfig();
  return { url: config.serverUrl, credentials: { role: 'kiosk' as const, kioskId: config.kioskId, token: config.token } };
};

const machine = kioskMachine.provide({
  actors: {
    requestHelp: createHelpRequestActor({ resolveEndpoint: kioskEndpoint, logger: createLogger('kiosk.help') }),
    acquireMedia: createMediaActor(),
    signaling: createSignalingActor({
      resolveEndpoint: kioskEndpoint,
      logger: createLogger('kiosk.signaling'),
    }),
    peer: createPeerActor(createLogger('kiosk.peer')),
  },
  actions: {
    // Before a language is chosen the page is bilingual; English is only the document default.
    applyLanguage: (_, { language }) => applyLanguage(i18n, language ?? 'en'),
    endVisit: () => {
      bridge.endVisit().catch((error: unknown) => log.error('end of visit wipe failed', { error: String(error) }));
    },
  },
});

// The bundled catalogue; program staff change it by editing the data file (docs/triage.md).
const actor = createActor(machine, { input: {} });
actor.subscribe({ error: (error) => log.error('kiosk machine stopped', { error: String(error) }) });
actor.start();

mountApp({ i18n, speech, page: 'kiosk/index.html' }, <App actor={actor} />);
