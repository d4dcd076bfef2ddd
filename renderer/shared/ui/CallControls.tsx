import { useTranslation } from 'react-i18next';
import { Button } from './Button.js';

export interface CallControlsProps {
  micOn: boolean;
  cameraOn: boolean;
  onToggleMute(): void;
  onToggleCamera(): void;
  onEndCall(): void;
}

/** Mute, camera and hang-up: toggles say their state with aria-pressed, not colour alone. */
export function CallControls({ micOn, cameraOn, onToggleMute, onToggleCamera, onEndCall }: CallControlsProps) {
  const { t } = useTranslation('call');
  return (
    <div className="call-controls" role="group" aria-label={t('endCall')}>
      <Button testId="mute" aria-pressed={!micOn} onClick={onToggleMute}>
        {micOn ? t('mute') : t('unmute')}
      </Button>
      <Button testId="camera" aria-pressed={!cameraOn} onClick={onToggleCamera}>
        {cameraOn ? t('cameraOff') : t('cameraOn')}
      </Button>
      <Button testId="end-call" variant="danger" onClick={onEndCall}>
        {t('endCall')}
      </Button>
      <p className="call-status" aria-live="polite">
        {!micOn ? t('micMuted') : ''} {!cameraOn ? t('cameraIsOff') : ''}
      </p>
    </div>
  );
}
