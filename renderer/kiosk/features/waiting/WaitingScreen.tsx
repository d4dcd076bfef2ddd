import { useTranslation } from 'react-i18next';
import type { ServiceLine } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { useElapsed } from '../../../shared/ui/useElapsed.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

export interface WaitingScreenProps {
  serviceLine: ServiceLine;
  position: number | null;
  waitedMs: number;
  send: KioskSend;
}

export function WaitingScreen({ serviceLine, position, waitedMs, send }: WaitingScreenProps) {
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
      {position !== null ? <p className="waited">{t('waiting:waited', { time: formatDuration(waited) })}</p> : null}
      <div className="waiting-indicator" aria-hidden="true" />
    </Screen>
  );
}
