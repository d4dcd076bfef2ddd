import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../../../protocol/index.js';
import { CallControls } from '../../../shared/ui/CallControls.js';
import { CallStage } from '../../../shared/ui/CallStage.js';

import { TriageSummaryView } from '../offer/TriageSummaryView.js';

export interface AgentCallScreenProps {
  ticket: TicketSummary | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  connected: boolean;
  micOn: boolean;
  cameraOn: boolean;
  onToggleMute(): void;
  onToggleCamera(): void;
  onEndCall(): void;
}

export function AgentCallScreen({ ticket, localStream, remoteStream, connected, ...controls }: AgentCallScreenProps) {
  const { t } = useTranslation(['agentCall', 'services', 'common']);
  return (
    <section className="panel agent-call" data-testid="screen-call" aria-labelledby="agent-call-title">
      <h1 id="agent-call-title">{t('agentCall:title')}</h1>
      {ticket ? (
        <p className="call-details">
          {t('agentCall:details', {
            service: t(`services:${ticket.serviceLine}.name`),
            language: t(`common:languages.${ticket.language}`),
          })}
        </p>
      ) : null}
      {ticket?.triage ? <TriageSummaryView summary={ticket.triage} /> : null}
      <CallStage localStream={localStream} remoteStream={remoteStream} connected={connected} className="agent-stage" />
      <CallControls {...controls} />
    </section>
  );
}
