import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, ScreenContent } from '../../../../protocol/index.js';
import type { CallQuality, GuestTile } from '../../../shared/call/callActors.js';
import type { ChatLine } from '../../../shared/call/chatLines.js';
import { Button } from '../../../shared/ui/Button.js';
import { CallControls } from '../../../shared/ui/CallControls.js';
import { CallStage } from '../../../shared/ui/CallStage.js';
import type { KioskSend } from '../../machines/kioskMachine.js';
import { CallLinkStatus } from './CallLinkStatus.js';
import { KioskChat } from './KioskChat.js';
import { PushedContent } from './PushedContent.js';
import './call.css';

export interface KioskCallScreenProps {
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** An interpreter, or a second agent during a transfer, beside the agent. */
  guests?: readonly GuestTile[];
  connected: boolean;
  micOn: boolean;
  cameraOn: boolean;
  chat: readonly ChatLine[];
  pushed: ScreenContent | null;
  language: Language;
  /** The media dropped and is being recovered. */
  recovering?: boolean;
  quality?: CallQuality | null;
  /** The visitor chose voice only. */
  audioOnly?: boolean;
  send: KioskSend;
}

/** The agent large, the visitor small: people look at the person they talk to. */
export function KioskCallScreen({
  localStream,
  remoteStream,
  guests = [],
  connected,
  micOn,
  cameraOn,
  chat,
  pushed,
  language,
  recovering = false,
  quality = null,
  audioOnly = false,
  send,
}: KioskCallScreenProps) {
  const { t } = useTranslation('kioskCall');
  const [chatOpen, setChatOpen] = useState(false);
  const [closedAtSeq, setClosedAtSeq] = useState(0);
  // A new line from the agent opens the chat, even after the visitor hid it: they should not miss it.
  const lastAgentSeq = chat.reduce((last, line) => (line.from === 'agent' ? Math.max(last, line.seq) : last), 0);
  const showChat = chatOpen || lastAgentSeq > closedAtSeq;
  const toggleChat = () => {
    setChatOpen(!showChat);
    if (showChat) setClosedAtSeq(lastAgentSeq);
  };
  const hasSide = showChat || pushed !== null;
  return (
    <section className={`screen screen-call${hasSide ? ' has-side' : ''}`} data-testid="screen-call" aria-labelledby="call-title">
      <h1 id="call-title" className="visually-hidden">
        {t('title')}
      </h1>
      <CallStage localStream={localStream} remoteStream={remoteStream} connected={connected} guests={guests} className="kiosk-stage" />
      {guests.length > 0 ? (
        <p className="call-joined" role="status" data-testid="call-joined">
          {guests.map((guest) => (guest.role === 'kiosk' ? '' : t(`joined.${guest.role}`))).join(' ')}
        </p>
      ) : null}
      <CallLinkStatus recovering={recovering} quality={quality} />
      {hasSide ? (
        <div className="call-side">
          {pushed ? <PushedContent content={pushed} onDismiss={() => send({ type: 'user.dismissPushed' })} /> : null}
          {showChat ? <KioskChat lines={chat} language={language} onSend={(text) => send({ type: 'user.sendChat', text })} /> : null}
        </div>
      ) : null}
      <div className="screen-actions">
        <Button testId="chat-toggle" aria-expanded={showChat} onClick={toggleChat}>
          {showChat ? t('chat.close') : t('chat.open')}
        </Button>
        <Button testId="audio-only-toggle" aria-pressed={audioOnly} onClick={() => send({ type: 'user.toggleAudioOnly' })}>
          {audioOnly ? t('audioOnly.off') : t('audioOnly.on')}
        </Button>
        <CallControls
          micOn={micOn}
          cameraOn={cameraOn}
          onToggleMute={() => send({ type: 'user.toggleMute' })}
          onToggleCamera={() => send({ type: 'user.toggleCamera' })}
          onEndCall={() => send({ type: 'user.endCall' })}
        />
      </div>
    </section>
  );
}
