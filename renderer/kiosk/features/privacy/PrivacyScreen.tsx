import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** What is kept and what is not, and that video needs consent, before any question or camera. */
export function PrivacyScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation(['privacy', 'common']);
  return (
    <Screen
      testId="screen-privacy"
      title={t('privacy:title')}
      actions={
        <div className="choice-row">
          <Button testId="back" onClick={() => send({ type: 'user.back' })}>
            {t('common:back')}
          </Button>
          <Button testId="accept-privacy" variant="primary" onClick={() => send({ type: 'user.acceptPrivacy' })}>
            {t('privacy:accept')}
          </Button>
        </div>
      }
    >
      <p className="lead">{t('privacy:kept')}</p>
      <p className="lead">{t('privacy:notKept')}</p>
      <p className="note">{t('privacy:camera')}</p>
    </Screen>
  );
}
