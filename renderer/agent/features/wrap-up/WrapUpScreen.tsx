import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, WRAPUP_NOTES_MAX_CHARS, type Outcome } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';

/** Choosing an outcome sends it with the notes typed so far: one touch ends the wrap-up. */
/** `suggested`: the outcome the call itself points to (a call lost to the network: technical failure). */
export function WrapUpScreen({ onChoose, suggested }: { onChoose(outcome: Outcome, notes: string): void; suggested?: Outcome | undefined }) {
  const { t } = useTranslation('wrapup');
  const [notes, setNotes] = useState('');
  return (
    <section className="panel wrapup" data-testid="screen-wrapup" aria-labelledby="wrapup-title">
      <h1 id="wrapup-title">{t('title')}</h1>
      <label className="wrapup-notes">
        {t('notes')}
        <textarea
          data-testid="wrapup-notes"
          rows={4}
          maxLength={WRAPUP_NOTES_MAX_CHARS}
          aria-describedby="wrapup-notes-hint"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
        />
      </label>
      <p id="wrapup-notes-hint" className="note">
        {t('notesHint')}
      </p>
      {suggested === 'technical-failure' ? (
        <p className="note" id="wrapup-suggested" data-testid="wrapup-suggested">
          {t('suggestedTechnicalFailure')}
        </p>
      ) : null}
      <fieldset className="outcomes">
        <legend>{t('prompt')}</legend>
        {OUTCOMES.map((outcome) => (
          <Button
            key={outcome}
            testId={`outcome-${outcome}`}
            variant={outcome === suggested ? 'primary' : 'secondary'}
            aria-describedby={outcome === suggested ? 'wrapup-suggested' : undefined}
            onClick={() => onChoose(outcome, notes)}
          >
            {t(`outcomes.${outcome}`)}
          </Button>
        ))}
      </fieldset>
    </section>
  );
}
