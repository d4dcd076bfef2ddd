import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import type { KioskSend } from '../../machines/kioskMachine.js';
import './callback.css';

/**
 * Shown on the waiting screen when the wait is long: keep waiting, a call back, or the office's
 * staff. A region with its own heading, announced once when it appears.
 */
export function CallbackOffer({ send }: { send: KioskSend }) {
  const { t } = useTranslation('callback');
  return (
    <section className="callback-offer" data-testid="callback-offer" aria-labelledby="callback-offer-title">
      <h2 id="callback-offer-title">{t('offerTitle')}</h2>
      <p>{t('offerBody')}</p>
      <div className="callback-offer-choices">
        <Button testId="callback-keep-waiting" onClick={() => send({ type: 'user.keepWaiting' })}>
          {t('keepWaiting')}
        </Button>
        <Button variant="primary" testId="callback-choose" onClick={() => send({ type: 'user.chooseCallback' })}>
          {t('choose')}
        </Button>
        <Button testId="callback-staff" onClick={() => send({ type: 'user.requestHelp' })}>
          {t('askStaff')}
        </Button>
      </div>
    </section>
  );
}
