import { useTranslation } from 'react-i18next';
import { CallControls } from '../../../shared/ui/CallControls.js';
import { CallStage } from '../../../shared/ui/CallStage.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

export interface KioskCallScreenProps {
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  connected: boolean;
  micOn: boolean;
  cameraOn: boolean;
  send: KioskSend;
}

/** The agent large, the visitor small: people look at the person they talk to. */
export function KioskCallScreen({ localStream, remoteStream, connected, micOn, cameraOn, send }: KioskCallScreenProps) {
  const { t } = useTranslation('kioskCall');
  return (
    <section className="screen screen-call" data-testid="screen-call" aria-labelledby="call-title">
      <h1 id="call-title" className="visually-hidden">
        {t('title')}
      </h1>
      <CallStage localStream={localStream} remoteStream={remoteStream} connected={connected} className="kiosk-stage" />
      <div className="screen-actions">
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
