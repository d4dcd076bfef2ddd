import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceLine } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { useElapsed } from '../../../shared/ui/useElapsed.js';
import type { KioskSend } from '../../machines/kioskMachine.js';
import { estimateInWords } from './estimateInWords.js';

export interface WaitingScreenProps {
  serviceLine: ServiceLine;
  position: number | null;
  waitedMs: number;
  /** The server's estimate of the remaining wait; null or absent until it sends one. */
  estimatedWaitMs?: number | null;
  send: KioskSend;
  /** The callback offer (features/callback/CallbackOffer.tsx), when the server offers one. */
  offer?: ReactNode;
}

export function WaitingScreen({ serviceLine, position, waitedMs, estimatedWaitMs = null, send, offer }: WaitingScreenProps) {
  const { t } = useTranslation(['waiting', 'services']);
  const waited = useElapsed(waitedMs, position !== null);
  return (
    <Screen
      testId="screen-waiting"
      title={t('waiting:title')}
      actions={
        <Button testId="leave-queue" onClick={() => send({ type: 'user.leaveQueue' })}>
          {t('waiting:leave')}
        </Button>
      }
    >
      <p className="note">{t('waiting:yourService', { service: t(`services:${serviceLine}.name`) })}</p>
      {/* Announced when it changes, politely: the visitor may be listening rather than looking. */}
      <p className="queue-position" data-testid="queue-position" aria-live="polite" aria-atomic="true">
        {position === null ? t('waiting:joining') : t('waiting:position', { position })}
      </p>
      {position === 1 ? <p className="note">{t('waiting:next')}</p> : null}
      {position !== null && estimatedWaitMs !== null ? <WaitEstimate estimatedWaitMs={estimatedWaitMs} /> : null}
      {position !== null ? <p className="waited">{t('waiting:waited', { time: formatDuration(waited) })}</p> : null}
      <div className="waiting-indicator" aria-hidden="true" />
      {offer}
    </Screen>
  );
}

/** The estimate in plain words, announced politely when its wording changes (not on every refresh). */
function WaitEstimate({ estimatedWaitMs }: { estimatedWaitMs: number }) {
  const { t } = useTranslation(['waiting']);
  const words = estimateInWords(estimatedWaitMs);
  return (
    <p className="wait-estimate" data-testid="wait-estimate" aria-live="polite" aria-atomic="true">
      {words.kind === 'under' ? t('waiting:estimateUnder', { minutes: words.minutes }) : null}
      {words.kind === 'about' ? t('waiting:estimateAbout', { minutes: words.minutes }) : null}
      {words.kind === 'over' ? t('waiting:estimateOver', { minutes: words.minutes }) : null}
    </p>
  );
}
