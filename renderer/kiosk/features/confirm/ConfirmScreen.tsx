import { useTranslation } from 'react-i18next';
import type { ServiceLine } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

export interface ConfirmScreenProps {
  serviceLine: ServiceLine;
  /** The camera is being turned on: the button waits, the visitor is told why. */
  preparing: boolean;
  send: KioskSend;
}

export function ConfirmScreen({ serviceLine, preparing, send }: ConfirmScreenProps) {
  const { t } = useTranslation(['confirm', 'services', 'common']);
  return (
    <Screen
      testId="screen-confirm"
      title={t('confirm:title')}
      actions={
        <div className="choice-row">
          <Button testId="back" disabled={preparing} onClick={() => send({ type: 'user.back' })}>
            {t('common:back')}
          </Button>
          <Button
            testId="talk-to-agent"
            variant="primary"
            disabled={preparing}
            aria-busy={preparing}
            onClick={() => send({ type: 'user.talkToAgent' })}
          >
            {t('confirm:talk')}
          </Button>
        </div>
      }
    >
      <p className="lead">{t('confirm:body', { service: t(`services:${serviceLine}.name`) })}</p>
      <p className="note">{t('confirm:cameraNote')}</p>
      <p className="status" role="status">
        {preparing ? t('confirm:preparing') : ''}
      </p>
    </Screen>
  );
}
