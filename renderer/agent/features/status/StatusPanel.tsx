import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import type { AgentStatus, MediaStatus } from '../../machines/agentMachine.js';

export interface StatusPanelProps {
  status: AgentStatus;
  mediaStatus: MediaStatus;
  offerWithdrawn: boolean;
  onGoAvailable(): void;
  onGoAway(): void;
}

export function StatusPanel({ status, mediaStatus, offerWithdrawn, onGoAvailable, onGoAway }: StatusPanelProps) {
  const { t } = useTranslation(['status', 'offer']);
  return (
    <section className="panel status-panel" aria-labelledby="status-title">
      <h1 id="status-title">{t('status:heading')}</h1>
      <p role="status" className="media-status">
        {mediaStatus === 'preparing' ? t('status:mediaPreparing') : mediaStatus === 'failed' ? t('status:mediaError') : mediaStatus === 'ready' ? t('status:mediaReady') : ''}
      </p>
      {status === 'away' ? (
        <>
          <p>{t('status:awayHint')}</p>
          <Button testId="go-available" variant="primary" disabled={mediaStatus !== 'ready'} onClick={onGoAvailable}>
            {t('status:goAvailable')}
          </Button>
        </>
      ) : (
        <>
          <p>{t('status:waitingForCalls')}</p>
          <Button testId="go-away" onClick={onGoAway}>
            {t('status:goAway')}
          </Button>
        </>
      )}
      {offerWithdrawn ? (
        <p className="note" role="status">
          {t('offer:withdrawn')}
        </p>
      ) : null}
    </section>
  );
}
