import { useTranslation } from 'react-i18next';
import { INTERPRETER_LANGUAGES, type InterpreterLanguage } from '../../../../protocol/index.js';
import { Bilingual } from '../../../shared/ui/Bilingual.js';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** Each language is named in itself ("Français", not "French"), so everyone finds their own. */
export function LanguageScreen({
  interpreter,
  interpreterLanguage = null,
  send,
}: {
  interpreter: boolean;
  interpreterLanguage?: InterpreterLanguage | null;
  send: KioskSend;
}) {
  const { t } = useTranslation('language');
  return (
    <Screen
      testId="screen-language"
      title={<Bilingual text={(lng) => t('title', { lng })} separator />}
      actions={
        <div className="choice-row">
          {/* Before a language is chosen, the toggle speaks both. */}
          <Button
            testId="interpreter"
            aria-pressed={interpreter}
            className="toggle"
            onClick={() => send({ type: 'user.toggleInterpreter' })}
          >
            <Bilingual text={(lng) => t('interpreter', { lng })} separator />
          </Button>
          {interpreter ? (
            // Which interpreter, so the visit goes to an agent who works with one (docs/routing.md); optional.
            <fieldset className="interpreter-languages choice-row">
              <legend>
                <Bilingual text={(lng) => t('interpreterWhich', { lng })} separator />
              </legend>
              {INTERPRETER_LANGUAGES.map((id) => (
                <Button
                  key={id}
                  testId={`interpreter-${id}`}
                  className="toggle"
                  aria-pressed={interpreterLanguage === id}
                  onClick={() => send({ type: 'user.chooseInterpreterLanguage', language: id })}
                >
                  <Bilingual text={(lng) => t(`interpreterLanguages.${id}`, { lng })} separator />
                </Button>
              ))}
            </fieldset>
          ) : null}
          <Button testId="lang-en" variant="primary" lang="en" onClick={() => send({ type: 'user.chooseLanguage', language: 'en' })}>
            English
          </Button>
          <Button testId="lang-fr" variant="primary" lang="fr" onClick={() => send({ type: 'user.chooseLanguage', language: 'fr' })}>
            Français
          </Button>
        </div>
      }
    />
  );
}
