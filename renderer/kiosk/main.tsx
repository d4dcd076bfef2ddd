import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createActor } from 'xstate';
import { createMediaActor, createPeerActor, preloadPeer } from '../shared/call/peerActor.js';
import { applyLanguage, createI18n } from '../shared/i18n/createI18n.js';
import { sharedEn } from '../shared/i18n/en.js';
import { sharedFr } from '../shared/i18n/fr.js';
import { createLogger } from '../shared/log/logger.js';
import { createSignalingActor } from '../shared/net/signalingActor.js';
import '../shared/ui/base.css';
import { App } from './App.js';
import { createBridge } from './bridge.js';
import { kioskEn } from './i18n/en.js';
import { kioskFr } from './i18n/fr.js';
import './kiosk.css';
import { kioskMachine } from './machines/kioskMachine.js';

const log = createLogger('kiosk');
// Read (and erase from the address bar) the browser-mode credentials before anything else runs.
const bridge = createBridge(window);
const i18n = createI18n({ en: { ...sharedEn, ...kioskEn }, fr: { ...sharedFr, ...kioskFr } }, 'en');

const machine = kioskMachine.provide({
  actors: {
    acquireMedia: createMediaActor(),
    signaling: createSignalingActor({
      resolveEndpoint: async () => {
        const config = await bridge.getConfig();
        return { url: config.serverUrl, credentials: { role: 'kiosk', kioskId: config.kioskId, token: config.token } };
      },
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

const actor = createActor(machine);
actor.subscribe({ error: (error) => log.error('kiosk machine stopped', { error: String(error) }) });
actor.start();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from kiosk/index.html');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App actor={actor} />
    </I18nextProvider>
  </StrictMode>,
);

// Fetch the WebRTC chunk while the visitor reads the first screens; a failure shows up at call time.
preloadPeer().catch(() => {});
