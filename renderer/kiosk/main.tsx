import { createActor, fromPromise } from 'xstate';
import { createMediaActor, createPeerActor, preloadPeer } from '../shared/call/peerActor.js';
import { PeerWarmer } from '../shared/call/peerWarmer.js';
import { applyLanguage, createI18n } from '../shared/i18n/createI18n.js';
import { sharedEn } from '../shared/i18n/en.js';
import { sharedFr } from '../shared/i18n/fr.js';
import { pseudoLocalizeTree } from '../shared/i18n/pseudoLocale.js';
import { createLogger } from '../shared/log/logger.js';
import { createSignalingActor } from '../shared/net/signalingActor.js';
import { createWebSpeech } from '../shared/speech/speech.js';
import '../shared/ui/base.css';
import { mountApp } from '../shared/ui/mountApp.js';
import { App } from './App.js';
import { createBridge } from './bridge.js';
import { createServiceProbe } from './features/offline/reachability.js';
import { kioskEn } from './i18n/en.js';
import { kioskFr } from './i18n/fr.js';
import './kiosk.css';
import { kioskMachine } from './machines/kioskMachine.js';
import { createHelpRequestActor } from './net/helpRequestActor.js';
import { startDeviceReporting } from './devices/startDeviceReporting.js';

const log = createLogger('kiosk');
// Read (and erase from the address bar) the browser-mode credentials before anything else runs.
const bridge = createBridge(window);
// The voice is the host's: Chromium's (Electron) or the browser's; silent where there is none.
const speech = createWebSpeech(window);
const resources = { en: { ...sharedEn, ...kioskEn }, fr: { ...sharedFr, ...kioskFr } };
// Layout test switches (browser mode only, bridge.ts): every string pseudo-localized, right to left.
const { pseudoLocale, rtl } = bridge.testDisplay;
const i18n = createI18n(pseudoLocale ? { en: pseudoLocalizeTree(resources.en), fr: pseudoLocalizeTree(resources.fr) } : resources, 'en');
if (rtl) document.documentElement.dir = 'rtl';

const kioskEndpoint = async () => {
  const config = await bridge.getConfig();
  return { url: config.serverUrl, credentials: { role: 'kiosk' as const, kioskId: config.kioskId, token: config.token } };
};

// Is the server there? Asked from the welcome screen (features/offline).
const probeService = createServiceProbe({
  serverUrl: async () => (await bridge.getConfig()).serverUrl,
  pageOrigin: window.location.origin,
  fetch: (url, init) => window.fetch(url, init),
  open: (url) => new WebSocket(url),
});

// The kiosk writes the offer: it makes its side ready while the agent's console rings, and sends it there.
const callWarmer = new PeerWarmer(preloadPeer);

const machine = kioskMachine.provide({
  actors: {
    probeService: fromPromise(({ signal }) => probeService(signal)),
    requestHelp: createHelpRequestActor({ resolveEndpoint: kioskEndpoint, logger: createLogger('kiosk.help') }),
    acquireMedia: createMediaActor(),
    signaling: createSignalingActor({
      resolveEndpoint: kioskEndpoint,
      logger: createLogger('kiosk.signaling'),
    }),
    peer: createPeerActor(createLogger('kiosk.peer'), callWarmer),
  },
  actions: {
    // Before a language is chosen the page is bilingual; English is only the document default.
    applyLanguage: (_, { language }) => applyLanguage(i18n, language ?? 'en'),
    prepareCall: (_, { offerId, stream, iceServers, iceTransportPolicy }) => {
      // Each signal also goes to the ringing console at once, so it can prepare its answer.
      const onEarlySignal = (data: Record<string, unknown>) => actor.send({ type: 'call.ringSignal', offerId, data });
      if (stream) callWarmer.prepare({ stream, iceServers, iceTransportPolicy, initiator: true, onEarlySignal });
    },
    releasePreparedCall: () => callWarmer.discard(),
    endVisit: () => {
      bridge.endVisit().catch((error: unknown) => log.error('end of visit wipe failed', { error: String(error) }));
    },
  },
});

// The bundled catalogue; program staff change it by editing the data file (docs/triage.md).
const actor = createActor(machine, { input: {} });
actor.subscribe({ error: (error) => log.error('kiosk machine stopped', { error: String(error) }) });
actor.start();

// Camera, microphone and speaker presence for the staff console; never opens a device (docs/recovery.md).
startDeviceReporting({ resolveEndpoint: kioskEndpoint, navigator, logger: createLogger('kiosk.devices') });

mountApp({ i18n, speech, page: 'kiosk/index.html' }, <App actor={actor} />);
