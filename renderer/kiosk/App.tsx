import { useSelector } from '@xstate/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from 'xstate';
import { useSpeech } from '../shared/speech/SpeechContext.js';
import { Bilingual } from '../shared/ui/Bilingual.js';
import { Button } from '../shared/ui/Button.js';
import { AccessibilityBar } from './features/accessibility/AccessibilityBar.js';
import { screenSegments } from './features/accessibility/screenText.js';
import { CallbackKeypadScreen } from './features/callback/CallbackKeypadScreen.js';
import { CallbackOffer } from './features/callback/CallbackOffer.js';
import { CallbackThanksScreen } from './features/callback/CallbackThanksScreen.js';
import { KioskCallConnecting } from './features/call/KioskCallConnecting.js';
import { KioskCallScreen } from './features/call/KioskCallScreen.js';
import { ConfirmScreen } from './features/confirm/ConfirmScreen.js';
import { IdleCountdown } from './features/idle/IdleCountdown.js';
import { LanguageScreen } from './features/language/LanguageScreen.js';
import { PrivacyScreen } from './features/privacy/PrivacyScreen.js';
import { SurveyScreen } from './features/survey/SurveyScreen.js';
import { OfflineScreen } from './features/offline/OfflineScreen.js';
import { TechnicalFailureScreen } from './features/thanks/TechnicalFailureScreen.js';
import { ThanksScreen } from './features/thanks/ThanksScreen.js';
import { WaitingScreen } from './features/waiting/WaitingScreen.js';
import { WelcomeScreen } from './features/welcome/WelcomeScreen.js';
import {
  outcomeOnScreen,
  questionOnScreen,
  type KioskMachine,
  type KioskSend,
  type KioskSnapshot,
} from './machines/kioskMachine.js';
import { OutcomeScreen } from './triage/OutcomeScreen.js';
import { QuestionScreen } from './triage/QuestionScreen.js';

function CurrentScreen({ snapshot, send }: { snapshot: KioskSnapshot; send: KioskSend }) {
  const { context } = snapshot;
  const language = context.language ?? 'en';
  if (snapshot.matches({ welcome: 'offline' })) return <OfflineScreen />;
  if (snapshot.matches('welcome')) return <WelcomeScreen send={send} />;
  if (snapshot.matches('language')) return <LanguageScreen interpreter={context.interpreter} interpreterLanguage={context.interpreterLanguage} send={send} />;
  if (snapshot.matches('privacy')) return <PrivacyScreen send={send} />;
  const question = questionOnScreen(context);
  if (snapshot.matches('triage') && question) {
    return <QuestionScreen question={question} number={context.triage.path.length + 1} language={language} send={send} />;
  }
  const outcome = outcomeOnScreen(context);
  if (snapshot.matches('outcome') && outcome) {
    return <OutcomeScreen outcome={outcome} catalogue={context.catalogue} language={language} send={send} />;
  }
  if (snapshot.matches('confirm') && context.serviceLine) {
    return <ConfirmScreen serviceLine={context.serviceLine} preparing={snapshot.matches({ confirm: 'preparing' })} send={send} />;
  }
  if (snapshot.matches({ session: 'survey' })) return <SurveyScreen send={send} />;
  if (snapshot.matches({ session: 'call' })) {
    // Until the media first connects, a light screen: the call screen's layout and self-view would compete with the connection (KioskCallConnecting).
    if (!context.peerConnected) return <KioskCallConnecting send={send} />;
    return (
      <KioskCallScreen
        localStream={context.localStream}
        remoteStream={context.remoteStream}
        guests={context.guests}
        connected={context.peerConnected}
        micOn={context.micOn}
        cameraOn={context.cameraOn}
        chat={context.chat}
        pushed={context.pushed}
        language={context.language ?? 'en'}
        recovering={context.mediaRecovering}
        quality={context.quality}
        audioOnly={context.audioOnly}
        send={send}
      />
    );
  }
  if (snapshot.matches({ session: 'failed' })) return <TechnicalFailureScreen help={context.help} callbacks={context.callbacksAvailable} send={send} />;
  if (snapshot.matches({ session: { callback: 'confirmed' } })) return <CallbackThanksScreen send={send} />;
  if (snapshot.matches({ session: 'callback' })) {
    return (
      <CallbackKeypadScreen
        digits={context.callbackDigits}
        consent={context.callbackConsent}
        sending={snapshot.matches({ session: { callback: 'sending' } })}
        failed={context.callbackFailed}
        send={send}
      />
    );
  }
  if (snapshot.matches('session') && context.serviceLine) {
    return (
      <WaitingScreen
        serviceLine={context.serviceLine}
        position={context.position}
        waitedMs={context.waitedMs}
        estimatedWaitMs={context.estimatedWaitMs}
        send={send}
        offer={context.callbackOffered && !context.callbackDeclined ? <CallbackOffer send={send} /> : null}
      />
    );
  }
  return <ThanksScreen ending={context.ending} send={send} />;
}

/** Help, start over and the language switch: on every screen after welcome, low on the screen, always the same place. */
function GlobalControls({ snapshot, send }: { snapshot: KioskSnapshot; send: KioskSend }) {
  const { t } = useTranslation(['common', 'help']);
  const { language, help } = snapshot.context;
  return (
    <nav className="global-controls" aria-label={t('common:serviceCanada')}>
      <Button testId="start-over" onClick={() => send({ type: 'user.startOver' })}>
        {t('common:startOver')}
      </Button>
      <Button
        testId="get-help"
        disabled={help === 'requesting' || help === 'requested'}
        onClick={() => send({ type: 'user.requestHelp' })}
      >
        {t('help:ask')}
      </Button>
      {language ? (
        <Button
          testId="switch-language"
          lang={language === 'en' ? 'fr' : 'en'}
          aria-label={t('common:switchLanguageLabel')}
          onClick={() => send({ type: 'user.changeLanguage', language: language === 'en' ? 'fr' : 'en' })}
        >
          {t('common:switchLanguage')}
        </Button>
      ) : null}
    </nav>
  );
}

/** Where the help request stands, announced politely: the visitor may be looking at the door. */
function HelpStatusBanner({ snapshot }: { snapshot: KioskSnapshot }) {
  const { t } = useTranslation('help');
  const { help } = snapshot.context;
  return (
    <p className={`help-status help-${help}`} role="status" data-testid="help-status">
      {help === 'none' ? '' : t(help)}
    </p>
  );
}

/** Said in plain words while the server link (ours or the agent's) is being resumed. */
function ConnectionBanner({ snapshot }: { snapshot: KioskSnapshot }) {
  const { t } = useTranslation('connection');
  const { reconnecting, agentReconnecting } = snapshot.context;
  const text = reconnecting ? t('reconnecting') : agentReconnecting ? t('agentReconnecting') : '';
  return (
    <p className={`connection-status${text ? ' connection-status-on' : ''}`} role="status" data-testid="connection-status">
      {text}
    </p>
  );
}

/** The display choices are classes on <html>, so rem-based sizes and every colour follow them. */
function useDisplayChoices(highContrast: boolean, largeText: boolean) {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('high-contrast', highContrast);
    root.classList.toggle('large-text', largeText);
  }, [highContrast, largeText]);
}

export function App({ actor }: { actor: Actor<KioskMachine> }) {
  const snapshot = useSelector(actor, (s) => s);
  const { t } = useTranslation('common');
  const speech = useSpeech();
  const mainRef = useRef<HTMLElement>(null);
  const send: KioskSend = (event) => actor.send(event);
  const { language, highContrast, largeText, idleWarning } = snapshot.context;
  const atWelcome = snapshot.matches('welcome');
  useDisplayChoices(highContrast, largeText);
  // What was being read belongs to the screen it was read from (an idle wipe, a call starting).
  // The welcome's background reachability checks are not a new screen; going offline is.
  const screenKey = atWelcome ? `welcome:${snapshot.matches({ welcome: 'offline' }) ? 'offline' : 'online'}` : JSON.stringify(snapshot.value);
  useEffect(() => () => speech.cancel(), [screenKey, speech]);
  const readAloud = () => {
    const screen = mainRef.current?.querySelector('.screen');
    if (screen) speech.speak(screenSegments(screen));
  };
  return (
    // Any touch is activity: it keeps the visit alive (the machine ignores it where idleness does
    // not apply) and silences the read-aloud voice (a touch on "read aloud" then starts it afresh).
    <div
      className="kiosk"
      onPointerDownCapture={() => {
        speech.cancel();
        send({ type: 'user.activity' });
      }}
    >
      <header className="kiosk-header">
        <span className="wordmark">
          {atWelcome ? <Bilingual text={(lng) => t('governmentOfCanada', { lng })} separator /> : t('governmentOfCanada')}
        </span>
      </header>
      <main className="kiosk-main" ref={mainRef}>
        <CurrentScreen snapshot={snapshot} send={send} />
      </main>
      <footer className="kiosk-footer">
        {atWelcome ? null : <ConnectionBanner snapshot={snapshot} />}
        {atWelcome ? null : <HelpStatusBanner snapshot={snapshot} />}
        {atWelcome ? null : <GlobalControls snapshot={snapshot} send={send} />}
        <AccessibilityBar language={language} highContrast={highContrast} largeText={largeText} onReadAloud={readAloud} send={send} />
      </footer>
      {idleWarning ? <IdleCountdown language={language} send={send} /> : null}
    </div>
  );
}
