import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { Actor } from 'xstate';
import { Button } from '../shared/ui/Button.js';
import { KioskCallScreen } from './features/call/KioskCallScreen.js';
import { ConfirmScreen } from './features/confirm/ConfirmScreen.js';
import { LanguageScreen } from './features/language/LanguageScreen.js';
import { ServiceScreen } from './features/service/ServiceScreen.js';
import { ThanksScreen } from './features/thanks/ThanksScreen.js';
import { WaitingScreen } from './features/waiting/WaitingScreen.js';
import { WelcomeScreen } from './features/welcome/WelcomeScreen.js';
import type { KioskMachine, KioskSend, KioskSnapshot } from './machines/kioskMachine.js';

function CurrentScreen({ snapshot, send }: { snapshot: KioskSnapshot; send: KioskSend }) {
  const { context } = snapshot;
  if (snapshot.matches('welcome')) return <WelcomeScreen send={send} />;
  if (snapshot.matches('language')) return <LanguageScreen send={send} />;
  if (snapshot.matches('service') || !context.serviceLine) return <ServiceScreen send={send} />;
  if (snapshot.matches('confirm')) {
    return <ConfirmScreen serviceLine={context.serviceLine} preparing={snapshot.matches({ confirm: 'preparing' })} send={send} />;
  }
  if (snapshot.matches({ session: 'call' })) {
    return (
      <KioskCallScreen
        localStream={context.localStream}
        remoteStream={context.remoteStream}
        connected={context.peerConnected}
        micOn={context.micOn}
        cameraOn={context.cameraOn}
        send={send}
      />
    );
  }
  if (snapshot.matches('session')) {
    return <WaitingScreen serviceLine={context.serviceLine} position={context.position} waitedMs={context.waitedMs} send={send} />;
  }
  return <ThanksScreen ending={context.ending} send={send} />;
}

/** Start over and the language switch: on every screen after welcome, low on the screen, always the same place. */
function GlobalControls({ snapshot, send }: { snapshot: KioskSnapshot; send: KioskSend }) {
  const { t } = useTranslation('common');
  const { language } = snapshot.context;
  return (
    <nav className="global-controls" aria-label={t('serviceCanada')}>
      <Button testId="start-over" onClick={() => send({ type: 'user.startOver' })}>
        {t('startOver')}
      </Button>
      {language ? (
        <Button
          testId="switch-language"
          lang={language === 'en' ? 'fr' : 'en'}
          aria-label={t('switchLanguageLabel')}
          onClick={() => send({ type: 'user.changeLanguage', language: language === 'en' ? 'fr' : 'en' })}
        >
          {t('switchLanguage')}
        </Button>
      ) : null}
    </nav>
  );
}

export function App({ actor }: { actor: Actor<KioskMachine> }) {
  const snapshot = useSelector(actor, (s) => s);
  const { t } = useTranslation('common');
  const send: KioskSend = (event) => actor.send(event);
  const atWelcome = snapshot.matches('welcome');
  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <span className="wordmark">
          {atWelcome ? (
            <>
              <span lang="en">Government of Canada</span> / <span lang="fr">Gouvernement du Canada</span>
            </>
          ) : (
            t('governmentOfCanada')
          )}
        </span>
      </header>
      <main className="kiosk-main">
        <CurrentScreen snapshot={snapshot} send={send} />
      </main>
      {atWelcome ? null : <GlobalControls snapshot={snapshot} send={send} />}
    </div>
  );
}
