import { useTranslation } from 'react-i18next';
import type { Language } from '../../../protocol/index.js';
import { Button } from '../../shared/ui/Button.js';
import { Screen } from '../../shared/ui/Screen.js';
import type { KioskSend } from '../machines/kioskMachine.js';
import { inLanguage } from './bilingual.js';
import type { Question } from './catalogueSchema.js';

export interface QuestionScreenProps {
  question: Question;
  /** 1-based, for "Question 2". */
  number: number;
  language: Language;
  send: KioskSend;
}

/** One catalogue question: its options are big tiles, the back button sits with the screen's actions. */
export function QuestionScreen({ question, number, language, send }: QuestionScreenProps) {
  const { t } = useTranslation(['triage', 'common']);
  return (
    <Screen
      // Keyed by question so focus moves to the new heading after each answer.
      key={question.id}
      testId="screen-triage"
      title={inLanguage(question.prompt, language)}
      actions={
        <Button testId="back" onClick={() => send({ type: 'user.back' })}>
          {t('common:back')}
        </Button>
      }
    >
      <p className="note">{t('triage:step', { number })}</p>
      <ul className="service-grid">
        {question.options.map((option) => (
          <li key={option.id}>
            <button
              type="button"
              className="btn btn-secondary service-tile"
              data-testid={`option-${option.id}`}
              onClick={() => send({ type: 'user.answer', optionId: option.id })}
            >
              <span className="service-name">{inLanguage(option.label, language)}</span>
              {option.hint ? <span className="service-hint">{inLanguage(option.hint, language)}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
