import { useTranslation } from 'react-i18next';
import { Bilingual } from '../../../shared/ui/Bilingual.js';
import './offline.css';

/**
 * In place of the welcome while the server cannot be reached: bilingual (no language is chosen
 * yet), nothing to touch that needs the server, and a promise that the kiosk keeps trying by
 * itself. Announced politely: someone may be standing at the kiosk when it appears.
 */
export function OfflineScreen() {
  const { t } = useTranslation('offline');
  return (
    <section className="screen screen-offline" data-testid="screen-offline" aria-labelledby="offline-title">
      <div className="screen-body welcome-body" role="status">
        <h1 id="offline-title" className="offline-title">
          <Bilingual text={(lng) => t('title', { lng })} separator />
        </h1>
        <div className="welcome-intro">
          <Bilingual text={(lng) => t('body', { lng })} as="p" />
          <Bilingual text={(lng) => t('retrying', { lng })} as="p" />
        </div>
      </div>
    </section>
  );
}
