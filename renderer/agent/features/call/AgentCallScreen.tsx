import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../../../protocol/index.js';
import { CallControls } from '../../../shared/ui/CallControls.js';
import { VideoTile } from '../../../shared/ui/VideoTile.js';

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
  const { t } = useTranslation(['agentCall', 'call', 'services', 'common']);
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
      <div className="agent-stage">
        <VideoTile stream={remoteStream} label={t('call:remoteVideo')} testId="remote-video" className="agent-remote" />
        <VideoTile stream={localStream} label={t('call:localVideo')} testId="local-video" local className="agent-self" />
        {connected && remoteStream ? null : (
          <p className="call-connecting" role="status">
            {t('call:connecting')}
          </p>
        )}
      </div>
      <CallControls {...controls} />
    </section>
  );
}
