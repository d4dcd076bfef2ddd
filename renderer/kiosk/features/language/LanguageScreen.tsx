import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/** Each language is named in itself ("Français", not "French"), so everyone finds their own. */
export function LanguageScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation('language');
  return (
    <Screen
      testId="screen-language"
      title={
        <>
          <span lang="en">{t('title', { lng: 'en' })}</span>
          <span aria-hidden="true"> / </span>
          <span lang="fr">{t('title', { lng: 'fr' })}</span>
        </>
      }
      actions={
        <div className="choice-row">
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
