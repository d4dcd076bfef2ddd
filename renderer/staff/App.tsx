import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { Actor } from 'xstate';
import { Button } from '../shared/ui/Button.js';
import { HelpRequests } from './features/help/HelpRequests.js';
import { KioskList } from './features/kiosks/KioskList.js';
import { StaffLoginScreen } from './features/login/StaffLoginScreen.js';
import { staffStatusOf, type StaffEvent, type StaffMachine, type StaffSnapshot } from './machines/staffMachine.js';

type Send = (event: StaffEvent) => void;

function Workspace({ snapshot, send }: { snapshot: StaffSnapshot; send: Send }) {
  const { context } = snapshot;
  const status = staffStatusOf(snapshot);
  if (status !== 'ready') {
    return (
      <StaffLoginScreen
        problem={context.signInProblem}
        busy={status === 'connecting'}
        onSignIn={(username, password) => send({ type: 'user.signIn', username, password })}
      />
    );
  }
  const site = context.site;
  return (
    <div className="staff-panel staff-site" data-testid="staff-site">
      <h1 data-testid="staff-site-name">{site?.siteName ?? ''}</h1>
      <HelpRequests
        requests={site?.help ?? []}
        staffId={context.staffId}
        problem={context.helpProblem}
        onAcknowledge={({ kioskId, helpId }) => send({ type: 'user.acknowledgeHelp', kioskId, helpId })}
        onResolve={({ kioskId, helpId }) => send({ type: 'user.resolveHelp', kioskId, helpId })}
      />
      <KioskList kiosks={site?.kiosks ?? []} onReset={(kioskId) => send({ type: 'user.resetKiosk', kioskId })} />
    </div>
  );
}

export function App({ actor }: { actor: Actor<StaffMachine> }) {
  const snapshot = useSelector(actor, (s) => s);
  const { t, i18n } = useTranslation(['common', 'staffApp']);
  const send: Send = (event) => actor.send(event);
  const status = staffStatusOf(snapshot);
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <div className="staff">
      <header className="staff-header">
        <span className="wordmark">
          {t('common:governmentOfCanada')} · {t('staffApp:title')}
        </span>
        <span className="header-actions">
          <Button testId="lang-toggle" lang={other} aria-label={t('common:switchLanguageLabel')} onClick={() => send({ type: 'user.changeLanguage', language: other })}>
            {t('common:switchLanguage')}
          </Button>
          {status === 'ready' ? (
            <Button testId="sign-out" onClick={() => send({ type: 'user.signOut' })}>
              {t('staffApp:signOut')}
            </Button>
          ) : null}
        </span>
      </header>
      {snapshot.context.reconnecting ? (
        <p className="staff-banner" role="status" data-testid="staff-reconnecting">
          {t('staffApp:reconnecting')}
        </p>
      ) : null}
      <main className="staff-main">
        <Workspace snapshot={snapshot} send={send} />
      </main>
    </div>
  );
}
