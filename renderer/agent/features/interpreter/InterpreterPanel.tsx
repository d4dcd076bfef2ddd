import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERPRETER_LANGUAGES, type InterpreterLanguage } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import type { InterpreterView } from '../../machines/agentMachine.js';

export interface InterpreterPanelProps {
  interpreter: InterpreterView | null;
  /** The language the visitor asked for at the kiosk, chosen in advance. */
  asked?: InterpreterLanguage | undefined;
  onInvite(language: InterpreterLanguage): void;
  onRemove(): void;
}

/** Ask an interpreter of a language to join the call as a third participant, or let them go. */
export function InterpreterPanel({ interpreter, asked, onInvite, onRemove }: InterpreterPanelProps) {
  const { t } = useTranslation(['interpreter', 'interpreterLanguages']);
  const [language, setLanguage] = useState<InterpreterLanguage>(interpreter?.language ?? asked ?? INTERPRETER_LANGUAGES[0]);
  const present = interpreter?.state === 'inviting' || interpreter?.state === 'joined';
  return (
    <section className="interpreter-panel" aria-labelledby="interpreter-heading" data-testid="interpreter-panel">
      <h2 id="interpreter-heading">{t('interpreter:heading')}</h2>
      <label>
        {t('interpreter:language')}
        <select data-testid="interpreter-language" value={language} disabled={present} onChange={(event) => setLanguage(event.target.value as InterpreterLanguage)}>
          {INTERPRETER_LANGUAGES.map((id) => (
            <option key={id} value={id}>
              {t(`interpreterLanguages:${id}`)}
            </option>
          ))}
        </select>
      </label>
      {present ? (
        <Button testId="interpreter-remove" onClick={onRemove}>
          {t('interpreter:remove')}
        </Button>
      ) : (
        <Button testId="interpreter-invite" onClick={() => onInvite(language)}>
          {t('interpreter:invite')}
        </Button>
      )}
      <p role="status" className="note" data-testid="interpreter-status">
        {interpreter ? t(`interpreter:states.${interpreter.state}`) : ''}
      </p>
    </section>
  );
}
