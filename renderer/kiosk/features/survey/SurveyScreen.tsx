import { useTranslation } from 'react-i18next';
import type { Rating } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** Faces carry the meaning without reading; each button also has its words for screen readers. */
const FACES: Record<Rating, string> = { 1: '😣', 2: '🙁', 3: '😐', 4: '🙂', 5: '😄' };
const RATINGS = [1, 2, 3, 4, 5] as const satisfies readonly Rating[];

export function SurveyScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation('survey');
  return (
    <Screen
      testId="screen-survey"
      title={t('title')}
      actions={
        <div className="survey-row">
          {RATINGS.map((rating) => (
            <Button
              key={rating}
              testId={`rate-${rating}`}
              className="survey-face"
              aria-label={t(`ratings.${rating}`)}
              onClick={() => send({ type: 'user.rate', rating })}
            >
              <span aria-hidden="true">{FACES[rating]}</span>
              <span className="survey-label" aria-hidden="true">
                {t(`ratings.${rating}`)}
              </span>
            </Button>
          ))}
          <Button testId="skip-survey" onClick={() => send({ type: 'user.skipSurvey' })}>
            {t('skip')}
          </Button>
        </div>
      }
    />
  );
}
