import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { HelpStatus, KioskSend } from '../../machines/kioskMachine.js';
import './thanks.css';

/**
 * The call failed and could not be recovered (docs/recovery.md): two ways on, both large, one
 * tap each: a callback (the keypad of features/callback) or the office's staff. "Finish" ends here.
 */
export function TechnicalFailureScreen({ help, callbacks, send }: { help: HelpStatus; callbacks: boolean; send: KioskSend }) {
  const { t } = useTranslation('thanks');
  const helpAsked = help === 'requesting' || help === 'requested';
  return (
    <Screen
      testId="screen-technical-failure"
      title={t('technicalFailureTitle')}
      actions={
        <Button testId="done" onClick={() => send({ type: 'user.done' })}>
          {t('done')}
        </Button>
      }
    >
      <p className="lead">{t('technicalFailureChoose')}</p>
      <div className="failure-choices">
        {/* Only when the server takes callbacks (welcome.callbacks): a button that fails would be worse than none. */}
        {callbacks ? (
          <Button testId="failure-callback" variant="primary" className="choice-large" onClick={() => send({ type: 'user.chooseCallback' })}>
            {t('technicalFailureCallback')}
          </Button>
        ) : null}
        <Button
          testId="failure-help"
          variant="primary"
          className="choice-large"
          disabled={helpAsked}
          onClick={() => send({ type: 'user.requestHelp' })}
        >
          {helpAsked ? t('technicalFailureHelpAsked') : t('technicalFailureHelp')}
        </Button>
      </div>
      <p className="note">{t('privacy')}</p>
    </Screen>
  );
}
