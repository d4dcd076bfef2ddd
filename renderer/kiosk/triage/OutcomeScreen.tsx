import { useTranslation } from 'react-i18next';
import type { Language } from '../../../protocol/index.js';
import { Button } from '../../shared/ui/Button.js';
import { Screen } from '../../shared/ui/Screen.js';
import type { KioskSend } from '../machines/kioskMachine.js';
import { inLanguage } from './bilingual.js';
import type { Outcome } from './catalogueSchema.js';
import type { TriageCatalogue } from './loadCatalogue.js';

export interface OutcomeScreenProps {
  outcome: Outcome;
  catalogue: TriageCatalogue;
  language: Language;
  send: KioskSend;
}

/** Where the answers led: an agent, a self-serve link, a counter to go to, or documents to bring. */
export function OutcomeScreen({ outcome, catalogue, language, send }: OutcomeScreenProps) {
  const { t } = useTranslation(['outcome', 'common']);
  const say = (text: { en: string; fr: string }) => inLanguage(text, language);
  const alternatives = outcome.alternatives.flatMap((id) => {
    const alt = catalogue.outcomes.get(id);
    return alt ? [alt] : [];
  });
  return (
    <Screen
      key={outcome.id}
      testId={`screen-outcome-${outcome.kind}`}
      title={say(outcome.title)}
      actions={
        <div className="choice-row">
          <Button testId="back" onClick={() => send({ type: 'user.back' })}>
            {t('common:back')}
          </Button>
          {outcome.kind === 'self-serve' && outcome.offerStaff ? (
            <Button testId="outcome-staff" onClick={() => send({ type: 'user.requestHelp' })}>
              {t('outcome:staff')}
            </Button>
          ) : null}
          {outcome.kind === 'agent' ? (
            <Button testId="outcome-talk" variant="primary" onClick={() => send({ type: 'user.continue' })}>
              {t('outcome:talk')}
            </Button>
          ) : (
            <Button testId="outcome-finish" variant="primary" onClick={() => send({ type: 'user.finish' })}>
              {t('outcome:finish')}
            </Button>
          )}
        </div>
      }
    >
      <p className="lead">{say(outcome.summary)}</p>
      {outcome.kind === 'self-serve' ? (
        <>
          <h2 className="section-title">{t('outcome:stepsTitle')}</h2>
          <ol className="outcome-list">
            {outcome.steps.map((step, i) => (
              <li key={i}>{say(step)}</li>
            ))}
          </ol>
          {/* Shown, not linked: the kiosk has no browser; the visitor writes it down or uses their phone. */}
          <p className="note outcome-url">{t('outcome:link', { url: say(outcome.url) })}</p>
        </>
      ) : null}
      {outcome.kind === 'bring' ? (
        <>
          <h2 className="section-title">{t('outcome:documentsTitle')}</h2>
          <ul className="outcome-list">
            {outcome.documents.map((doc, i) => (
              <li key={i}>{say(doc)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {outcome.kind === 'referral' ? <ServicePointCard catalogue={catalogue} id={outcome.servicePointId} language={language} /> : null}
      {alternatives.length > 0 ? (
        <>
          <h2 className="section-title">{t('outcome:alternativesTitle')}</h2>
          <ul className="alternative-list">
            {alternatives.map((alt) => (
              <li key={alt.id}>
                <Button testId={`alternative-${alt.id}`} onClick={() => send({ type: 'user.chooseAlternative', outcomeId: alt.id })}>
                  {say(alt.title)}
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Screen>
  );
}

function ServicePointCard({ catalogue, id, language }: { catalogue: TriageCatalogue; id: string; language: Language }) {
  const { t } = useTranslation(['outcome', 'common']);
  const point = catalogue.servicePoints.get(id);
  if (!point) return null;
  return (
    <div className="service-point" data-testid="service-point">
      <h2 className="section-title">{t('outcome:servicePointTitle')}</h2>
      <p className="lead">{inLanguage(point.name, language)}</p>
      <p>{t('outcome:address', { address: inLanguage(point.address, language) })}</p>
      <p>{t('outcome:hours', { hours: inLanguage(point.hours, language) })}</p>
      <p>
        {t('outcome:servicePointLanguages', {
          languages: point.languages.map((l) => t(`common:languages.${l}`)).join(', '),
        })}
      </p>
    </div>
  );
}
