import { useTranslation } from 'react-i18next';
import { Bilingual } from '../../../shared/ui/Bilingual.js';
import { Button } from '../../../shared/ui/Button.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** Bilingual on purpose: no language is assumed before the visitor chooses one. */
export function WelcomeScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation('welcome');
  return (
    <section className="screen screen-welcome" data-testid="screen-welcome" aria-labelledby="welcome-title">
      <div className="screen-body welcome-body">
        <h1 id="welcome-title" className="welcome-greeting">
          <Bilingual text={(lng) => t('greeting', { lng })} separator />
        </h1>
        <div className="welcome-intro">
          <Bilingual text={(lng) => t('intro', { lng })} as="p" />
        </div>
      </div>
      <div className="screen-actions">
        <Button testId="start" variant="primary" className="btn-hero" onClick={() => send({ type: 'user.start' })}>
          <Bilingual text={(lng) => t('start', { lng })} />
        </Button>
      </div>
    </section>
  );
}
