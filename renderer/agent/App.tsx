import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { Actor } from 'xstate';
import { Button } from '../shared/ui/Button.js';
import { AgentCallScreen } from './features/call/AgentCallScreen.js';
import { CallbacksPanel } from './features/callbacks/CallbacksPanel.js';
import { LoginScreen } from './features/login/LoginScreen.js';
import { OfferPanel } from './features/offer/OfferPanel.js';
import { QueueOverviewPanel } from './features/overview/QueueOverviewPanel.js';
import { StatusPanel } from './features/status/StatusPanel.js';
import { SupervisorPanel } from './features/supervisor/SupervisorPanel.js';
import { WrapUpScreen } from './features/wrap-up/WrapUpScreen.js';
import { agentStatusOf, type AgentEvent, type AgentMachine, type AgentSnapshot } from './machines/agentMachine.js';

type Send = (event: AgentEvent) => void;

function Workspace({ snapshot, send }: { snapshot: AgentSnapshot; send: Send }) {
  const { context } = snapshot;
  const status = agentStatusOf(snapshot);
  if (status === 'signed-out' || status === 'connecting') {
    return (
      <LoginScreen
        problem={context.signInProblem}
        busy={status === 'connecting'}
        onSignIn={(username, password, role) => send({ type: 'user.signIn', username, password, role })}
      />
    );
  }
  if (status === 'in-call') {
    return (
      <AgentCallScreen
        ticket={context.ticket}
        localStream={context.localStream}
        remoteStream={context.remoteStream}
        guests={context.guests}
        connected={context.peerConnected}
        role={context.role}
        interpretingFor={context.interpretingFor}
        handover={context.handover}
        transfer={context.transfer}
        colleagues={context.colleagues}
        interpreter={context.interpreter}
        onFindColleagues={() => send({ type: 'user.findColleagues' })}
        onTransfer={(request) => send({ type: 'user.transfer', ...request })}
        onCancelTransfer={() => send({ type: 'user.cancelTransfer' })}
        onLeave={() => send({ type: 'user.leaveCall' })}
        onInviteInterpreter={(language) => send({ type: 'user.inviteInterpreter', language })}
        onRemoveInterpreter={() => send({ type: 'user.removeInterpreter' })}
        micOn={context.micOn}
        cameraOn={context.cameraOn}
        onToggleMute={() => send({ type: 'user.toggleMute' })}
        onToggleCamera={() => send({ type: 'user.toggleCamera' })}
        onEndCall={() => send({ type: 'user.endCall' })}
        chat={context.chat}
        onSendChat={(text) => send({ type: 'user.sendChat', text })}
        onPush={(content) => send({ type: 'user.pushToScreen', content })}
        recovering={context.mediaRecovering}
        quality={context.quality}
        audioOnly={context.audioOnly}
        onToggleAudioOnly={() => send({ type: 'user.toggleAudioOnly' })}
      />
    );
  }
  if (status === 'wrap-up') {
    return (
      <WrapUpScreen
        suggested={context.endedByFailure ? 'technical-failure' : undefined}
        onChoose={(outcome, notes) => send({ type: 'user.chooseOutcome', outcome, notes })}
      />
    );
  }
  if (status === 'offered' && context.offer) {
    return (
      <OfferPanel
        ticket={context.offer.ticket}
        handover={context.offer.type === 'call.offer' ? context.offer.handover : undefined}
        interpreterLanguage={context.offer.type === 'interpreter.offer' ? context.offer.interpreterLanguage : undefined}
        accepting={snapshot.matches({ session: { ready: { work: 'accepting' } } })}
        onAccept={() => send({ type: 'user.accept' })}
        onDecline={() => send({ type: 'user.decline' })}
      />
    );
  }
  return (
    <>
      <StatusPanel
        status={status}
        mediaStatus={context.mediaStatus}
        offerWithdrawn={context.offerWithdrawn}
        onGoAvailable={() => send({ type: 'user.goAvailable' })}
        onGoAway={(reason) => send({ type: 'user.goAway', ...(reason ? { reason } : {}) })}
      />
      {/* Queues and callbacks are agents' work; an interpreter waits for invitations only. */}
      {context.role === 'agent' && (status === 'away' || status === 'available') ? (
        <>
          <QueueOverviewPanel lines={context.queueOverview} />
          <SupervisorPanel view={context.supervisorView} />
        </>
      ) : null}
      {context.role === 'agent' && (status === 'away' || status === 'available') ? (
        <CallbacksPanel
          callbacks={context.callbacks}
          open={context.callbackOpen}
          problem={context.callbackProblem}
          onRefresh={() => send({ type: 'user.refreshCallbacks' })}
          onOpen={(callbackId) => send({ type: 'user.openCallback', callbackId })}
          onDone={(callbackId, outcome) => send({ type: 'user.callbackDone', callbackId, outcome })}
        />
      ) : null}
    </>
  );
}

export function App({ actor }: { actor: Actor<AgentMachine> }) {
  const snapshot = useSelector(actor, (s) => s);
  const { t, i18n } = useTranslation(['common', 'status']);
  const send: Send = (event) => actor.send(event);
  const status = agentStatusOf(snapshot);
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <div className="agent">
      <header className="agent-header">
        <span className="wordmark">
          {t('common:governmentOfCanada')} · {t('common:serviceCanada')}
        </span>
        {status === 'signed-out' ? null : (
          <span className="agent-state">
            <span className={`state-dot state-${status}`} aria-hidden="true" />
            <span data-testid="agent-state" role="status">
              {t(`status:states.${status}`)}
            </span>
          </span>
        )}
        <span className="header-actions">
          <Button testId="lang-toggle" lang={other} aria-label={t('common:switchLanguageLabel')} onClick={() => send({ type: 'user.changeLanguage', language: other })}>
            {t('common:switchLanguage')}
          </Button>
          {status === 'away' || status === 'available' ? (
            <Button testId="sign-out" onClick={() => send({ type: 'user.signOut' })}>
              {t('status:signOut')}
            </Button>
          ) : null}
        </span>
      </header>
      <main className="agent-main">
        <Workspace snapshot={snapshot} send={send} />
      </main>
    </div>
  );
}
