import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AWAY_REASONS, type AwayReason } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import type { AgentStatus, MediaStatus } from '../../machines/agentMachine.js';

export interface StatusPanelProps {
  status: AgentStatus;
  mediaStatus: MediaStatus;
  offerWithdrawn: boolean;
  onGoAvailable(): void;
  onGoAway(reason: AwayReason | undefined): void;
}

export function StatusPanel({ status, mediaStatus, offerWithdrawn, onGoAvailable, onGoAway }: StatusPanelProps) {
  const { t } = useTranslation(['status', 'offer']);
  const [reason, setReason] = useState<AwayReason | ''>('');
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
          <label className="away-reason">
            {t('status:awayReason')}
            <select data-testid="away-reason" value={reason} onChange={(event) => setReason(event.target.value as AwayReason | '')}>
              <option value="">{t('status:awayReasons.none')}</option>
              {AWAY_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`status:awayReasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <Button testId="go-away" onClick={() => onGoAway(reason || undefined)}>
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
