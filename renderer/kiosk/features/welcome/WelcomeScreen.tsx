import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** Bilingual on purpose: no language is assumed before the visitor chooses one. */
export function WelcomeScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation('welcome');
  return (
    <section className="screen screen-welcome" data-testid="screen-welcome" aria-labelledby="welcome-title">
      <div className="screen-body welcome-body">
        <h1 id="welcome-title" className="welcome-greeting">
          <span lang="en">{t('greeting', { lng: 'en' })}</span>
          <span aria-hidden="true"> / </span>
          <span lang="fr">{t('greeting', { lng: 'fr' })}</span>
        </h1>
        <div className="welcome-intro">
          <p lang="en">{t('intro', { lng: 'en' })}</p>
          <p lang="fr">{t('intro', { lng: 'fr' })}</p>
        </div>
      </div>
      <div className="screen-actions">
        <Button testId="start" variant="primary" className="btn-hero" onClick={() => send({ type: 'user.start' })}>
          <span lang="en">{t('start', { lng: 'en' })}</span>
          <span lang="fr">{t('start', { lng: 'fr' })}</span>
        </Button>
      </div>
    </section>
  );
}
