import { createActor } from 'xstate';
import { createMediaActor, createPeerActor, preloadPeer } from '../shared/call/peerActor.js';
import { PeerWarmer } from '../shared/call/peerWarmer.js';
import { applyLanguage, createI18n } from '../shared/i18n/createI18n.js';
import { sharedEn } from '../shared/i18n/en.js';
import { sharedFr } from '../shared/i18n/fr.js';
import { createLogger } from '../shared/log/logger.js';
import { createSignalingActor } from '../shared/net/signalingActor.js';
import { sameOriginSignalingUrl } from '../shared/net/signalingClient.js';
import '../shared/ui/base.css';
import { mountApp } from '../shared/ui/mountApp.js';
import { App } from './App.js';
import './agent.css';
import { agentEn } from './i18n/en.js';
import { agentFr } from './i18n/fr.js';
import { agentMachine, type AgentSignalingInput } from './machines/agentMachine.js';

const log = createLogger('agent');
// The console's own choice of language starts from the browser's; the agent can switch at any time.
const initialLanguage = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
const i18n = createI18n({ en: { ...sharedEn, ...agentEn }, fr: { ...sharedFr, ...agentFr } }, initialLanguage);
document.documentElement.lang = initialLanguage;

// The kiosk writes the offer and sends it while the console rings: the console answers it then, and holds the answer until the accept.
const answerWarmer = new PeerWarmer(preloadPeer);

const machine = agentMachine.provide({
  actors: {
    acquireMedia: createMediaActor(),
    signaling: createSignalingActor<AgentSignalingInput>({
      resolveEndpoint: ({ login }) => ({
        url: sameOriginSignalingUrl(window.location),
        credentials: { role: login.role, username: login.username, password: login.password },
      }),
      logger: createLogger('agent.signaling'),
    }),
    peer: createPeerActor(createLogger('agent.peer'), answerWarmer),
  },
  actions: {
    applyLanguage: (_, { language }) => applyLanguage(i18n, language),
    prepareAnswer: (_, { stream, iceServers, iceTransportPolicy }) => {
      if (stream) answerWarmer.prepare({ stream, iceServers, iceTransportPolicy, initiator: false });
    },
    feedRingSignal: (_, { data }) => answerWarmer.feed(data),
    releasePreparedAnswer: () => answerWarmer.discard(),
  },
});

const actor = createActor(machine);
actor.subscribe({ error: (error) => log.error('agent machine stopped', { error: String(error) }) });
actor.start();

mountApp({ i18n, page: 'agent/index.html' }, <App actor={actor} />);
