import { useTranslation } from 'react-i18next';
import type { Language, TriageSummary } from '../../../../protocol/index.js';
import { inLanguage } from '../../../kiosk/triage/bilingual.js';
import { defaultCatalogue } from '../../../kiosk/triage/loadCatalogue.js';

/**
 * "Tell us once": what the visitor answered at the kiosk, in the agent's language, so the
 * agent starts from it instead of asking again. Labels come from the bundled catalogue; an id
 * it does not know (another catalogue version) is shown as the id itself.
 */
export function TriageSummaryView({ summary }: { summary: TriageSummary }) {
  const { t, i18n } = useTranslation(['triageSummary', 'common']);
  const language: Language = i18n.language === 'fr' ? 'fr' : 'en';
  const outcome = defaultCatalogue.outcomes.get(summary.outcomeId);
  return (
    <div className="triage-summary" data-testid="triage-summary">
      <h2>{t('triageSummary:title')}</h2>
      {summary.interpreter ? (
        <p className="triage-interpreter" data-testid="triage-interpreter">
          {t('triageSummary:interpreter', { language: t(`common:languages.${summary.language}`) })}
        </p>
      ) : null}
      <dl className="offer-facts">
        {summary.path.map((step) => {
          const question = defaultCatalogue.questions.get(step.questionId);
          const option = question?.options.find((o) => o.id === step.optionId);
          return (
            <div key={step.questionId}>
              <dt>{question ? inLanguage(question.prompt, language) : step.questionId}</dt>
              <dd>{option ? inLanguage(option.label, language) : step.optionId}</dd>
            </div>
          );
        })}
        <div>
          <dt>{t('triageSummary:outcome')}</dt>
          <dd data-testid="triage-outcome">{outcome ? inLanguage(outcome.summary, language) : summary.outcomeId}</dd>
        </div>
      </dl>
      <p className="note">{t('triageSummary:version', { version: summary.catalogueVersion })}</p>
    </div>
  );
}
