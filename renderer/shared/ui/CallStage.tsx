import { useTranslation } from 'react-i18next';
import type { GuestTile } from '../call/callActors.js';
import { VideoTile } from './VideoTile.js';

export interface CallStageProps {
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  connected: boolean;
  /** Others in the call (an interpreter, a colleague joining by transfer): a row of smaller tiles. */
  guests?: readonly GuestTile[];
  /** The app's own sizing for the stage (the kiosk fills the screen, the console keeps 4:3). */
  className: string;
}

/**
 * The other person large, oneself small in a corner: people look at whom they talk to.
 * Until the other person's video arrives, the stage says it is connecting.
 */
export function CallStage({ localStream, remoteStream, connected, guests = [], className }: CallStageProps) {
  const { t } = useTranslation('call');
  return (
    <div className={`call-stage ${className}`}>
      {guests.length > 0 ? (
        <div className="call-guests">
          {guests.map((guest) => (
            <VideoTile
              key={guest.memberId}
              stream={guest.stream}
              label={t(`guestVideo.${guest.role}`)}
              testId={`guest-video-${guest.role}`}
              className="call-guest"
            />
          ))}
        </div>
      ) : null}
      <VideoTile stream={remoteStream} label={t('remoteVideo')} testId="remote-video" className="call-remote" />
      <VideoTile stream={localStream} label={t('localVideo')} testId="local-video" local className="call-self" />
      {connected && remoteStream ? null : (
        <p className="call-connecting" role="status">
          {t('connecting')}
        </p>
      )}
    </div>
  );
}
