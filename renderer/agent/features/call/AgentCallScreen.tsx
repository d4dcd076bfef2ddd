import { useTranslation } from 'react-i18next';
import type { Colleague, Handover, InterpreterLanguage, ScreenContent, TicketSummary } from '../../../../protocol/index.js';
import type { CallQuality, GuestTile } from '../../../shared/call/callActors.js';
import type { ChatLine } from '../../../shared/call/chatLines.js';
import { Button } from '../../../shared/ui/Button.js';
import { CallControls } from '../../../shared/ui/CallControls.js';
import { CallStage } from '../../../shared/ui/CallStage.js';

import type { ConsoleRole, InterpreterView, TransferView } from '../../machines/agentMachine.js';
import { InterpreterPanel } from '../interpreter/InterpreterPanel.js';
import { TriageSummaryView } from '../offer/TriageSummaryView.js';
import { TransferPanel, type TransferRequest } from '../transfer/TransferPanel.js';
import { AgentChat } from './AgentChat.js';
import { CallQualityPanel } from './CallQualityPanel.js';
import { PushPanel } from './PushPanel.js';
import './callTools.css';

export interface AgentCallScreenProps {
  ticket: TicketSummary | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  guests?: readonly GuestTile[];
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
  /** An interpreter sees the call and the chat; the agent's tools (push, transfer, interpreter) are not theirs. */
  role?: ConsoleRole;
  interpretingFor?: InterpreterLanguage | null;
  /** This call came by warm transfer: the colleague's note. */
  handover?: Handover | null;
  transfer?: TransferView | null;
  colleagues?: readonly Colleague[] | null;
  interpreter?: InterpreterView | null;
  onFindColleagues?(): void;
  onTransfer?(request: TransferRequest): void;
  onCancelTransfer?(): void;
  onLeave?(): void;
  onInviteInterpreter?(language: InterpreterLanguage): void;
  onRemoveInterpreter?(): void;
}

export function AgentCallScreen({
  ticket,
  localStream,
  remoteStream,
  guests = [],
  connected,
  chat,
  onSendChat,
  onPush,
  recovering = false,
  quality = null,
  audioOnly = false,
  onToggleAudioOnly,
  role = 'agent',
  interpretingFor = null,
  handover = null,
  transfer = null,
  colleagues = null,
  interpreter = null,
  onFindColleagues = () => {},
  onTransfer = () => {},
  onCancelTransfer = () => {},
  onLeave = () => {},
  onInviteInterpreter = () => {},
  onRemoveInterpreter = () => {},
  ...controls
}: AgentCallScreenProps) {
  const { t } = useTranslation(['agentCall', 'services', 'common', 'handover', 'interpreter', 'interpreterLanguages']);
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
      {interpretingFor ? (
        <p className="call-details" data-testid="interpreting-for">
          {t('interpreter:interpreting', { language: t(`interpreterLanguages:${interpretingFor}`) })}
        </p>
      ) : null}
      {ticket?.triage ? <TriageSummaryView summary={ticket.triage} /> : null}
      {handover ? (
        <section className="handover" aria-labelledby="handover-heading" data-testid="handover">
          <h2 id="handover-heading">{t('handover:heading')}</h2>
          {handover.note ? (
            <p>
              <strong>{t('handover:note')}</strong> <span data-testid="handover-note">{handover.note}</span>
            </p>
          ) : null}
        </section>
      ) : null}
      <CallStage localStream={localStream} remoteStream={remoteStream} connected={connected} guests={guests} className="agent-stage" />
      <CallQualityPanel recovering={recovering} quality={quality} />
      <CallControls {...controls} />
      {onToggleAudioOnly ? (
        <Button testId="audio-only-toggle" aria-pressed={audioOnly} onClick={onToggleAudioOnly}>
          {audioOnly ? t('agentCall:audioOnly.off') : t('agentCall:audioOnly.on')}
        </Button>
      ) : null}
      {role === 'interpreter' ? (
        <Button testId="interpreter-leave" onClick={onLeave}>
          {t('interpreter:leave')}
        </Button>
      ) : null}
      <div className="call-tools">
        {role === 'agent' ? <AgentChat lines={chat} onSend={onSendChat} /> : null}
        {role === 'agent' ? <PushPanel onPush={onPush} /> : null}
        {role === 'agent' ? (
          <TransferPanel
            currentLine={ticket?.serviceLine}
            transfer={transfer}
            colleagues={colleagues}
            onFindColleagues={onFindColleagues}
            onTransfer={onTransfer}
            onCancel={onCancelTransfer}
            onLeave={onLeave}
          />
        ) : null}
        {role === 'agent' ? <InterpreterPanel interpreter={interpreter} asked={ticket?.interpreterLanguage} onInvite={onInviteInterpreter} onRemove={onRemoveInterpreter} /> : null}
      </div>
    </section>
  );
}
