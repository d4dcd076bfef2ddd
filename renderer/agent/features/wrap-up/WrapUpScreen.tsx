import { useTranslation } from 'react-i18next';
import { OUTCOMES, type Outcome } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';

export function WrapUpScreen({ onChoose }: { onChoose(outcome: Outcome): void }) {
  const { t } = useTranslation('wrapup');
  return (
    <section className="panel wrapup" data-testid="screen-wrapup" aria-labelledby="wrapup-title">
      <h1 id="wrapup-title">{t('title')}</h1>
      <fieldset className="outcomes">
        <legend>{t('prompt')}</legend>
        {OUTCOMES.map((outcome) => (
          <Button key={outcome} testId={`outcome-${outcome}`} onClick={() => onChoose(outcome)}>
            {t(`outcomes.${outcome}`)}
          </Button>
        ))}
      </fieldset>
    </section>
  );
}
