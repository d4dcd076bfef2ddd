import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** The request is stored: when to expect the call, then the kiosk wipes as after any visit. */
export function CallbackThanksScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation(['callback', 'thanks']);
  return (
    <Screen
      testId="screen-callback-thanks"
      title={t('callback:thanksTitle')}
      actions={
        <Button variant="primary" testId="done" onClick={() => send({ type: 'user.done' })}>
          {t('thanks:done')}
        </Button>
      }
    >
      <p className="lead">{t('callback:thanksWhen')}</p>
      <p className="note">{t('callback:thanksPrivacy')}</p>
      <p className="note">{t('thanks:returning')}</p>
    </Screen>
  );
}
