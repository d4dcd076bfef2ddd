import { useTranslation } from 'react-i18next';
import type { ScreenContent, TicketSummary } from '../../../../protocol/index.js';
import type { CallQuality } from '../../../shared/call/callActors.js';
import type { ChatLine } from '../../../shared/call/chatLines.js';
import { Button } from '../../../shared/ui/Button.js';
import { CallControls } from '../../../shared/ui/CallControls.js';
import { CallStage } from '../../../shared/ui/CallStage.js';

import { TriageSummaryView } from '../offer/TriageSummaryView.js';
import { AgentChat } from './AgentChat.js';
import { CallQualityPanel } from './CallQualityPanel.js';
import { PushPanel } from './PushPanel.js';
import './callTools.css';

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
  chat: readonly ChatLine[];
  onSendChat(text: string): void;
  onPush(content: ScreenContent): void;
  recovering?: boolean;
  quality?: CallQuality | null;
  audioOnly?: boolean;
  onToggleAudioOnly?(): void;
}

export function AgentCallScreen({
  ticket,
  localStream,
  remoteStream,
  connected,
  chat,
  onSendChat,
  onPush,
  recovering = false,
  quality = null,
  audioOnly = false,
  onToggleAudioOnly,
  ...controls
}: AgentCallScreenProps) {
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
      <CallQualityPanel recovering={recovering} quality={quality} />
      <CallControls {...controls} />
      {onToggleAudioOnly ? (
        <Button testId="audio-only-toggle" aria-pressed={audioOnly} onClick={onToggleAudioOnly}>
          {audioOnly ? t('agentCall:audioOnly.off') : t('agentCall:audioOnly.on')}
        </Button>
      ) : null}
      <div className="call-tools">
        <AgentChat lines={chat} onSend={onSendChat} />
        <PushPanel onPush={onPush} />
      </div>
    </section>
  );
}
