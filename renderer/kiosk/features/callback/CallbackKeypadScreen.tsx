import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';
import { groupDigits, KEYPAD_DIGITS, phoneStatus, spokenDigits } from './phoneDigits.js';
import './callback.css';

/** Symbols, not words: hidden from screen readers, which read the buttons' labels instead. */
const BACKSPACE_SYMBOL = '\u232B';
const CHECK_SYMBOL = '\u2713';

export interface CallbackKeypadScreenProps {
  digits: string;
  consent: boolean;
  /** The request is on its way to the server. */
  sending: boolean;
  /** The server refused it; the visitor is still in line. */
  failed: boolean;
  send: KioskSend;
}

/** Large keys only: no keyboard, no letters, nothing but the number and an explicit agreement. */
export function CallbackKeypadScreen({ digits, consent, sending, failed, send }: CallbackKeypadScreenProps) {
  const { t } = useTranslation('callback');
  const labelId = useId();
  const status = phoneStatus(digits);
  // A problem is said once the visitor has typed enough for it to be one, not at the first digit.
  const problem = !status.ok && status.problem !== null && (status.problem !== 'too-short' || digits.length >= 10) ? status.problem : null;
  const spoken = digits.length === 0 ? t('numberEmpty') : spokenDigits(digits);
  return (
    <Screen
      testId="screen-callback"
      title={t('keypadTitle')}
      actions={
        <>
          <Button testId="callback-cancel" onClick={() => send({ type: 'user.cancelCallback' })} disabled={sending}>
            {t('cancel')}
          </Button>
          <Button
            variant="primary"
            testId="callback-confirm"
            disabled={!status.ok || !consent || sending}
            onClick={() => send({ type: 'user.confirmCallback' })}
          >
            {sending ? t('sending') : t('confirm')}
          </Button>
        </>
      }
    >
      <p className="note">{t('keypadIntro')}</p>
      <div className="callback-number" role="group" aria-labelledby={labelId}>
        <span id={labelId} className="callback-number-label">
          {t('numberLabel')}
        </span>
        {/* Shown grouped; read digit by digit so a screen reader does not say "five billion". */}
        <output className="callback-number-value" data-testid="callback-number" aria-live="polite" aria-label={spoken}>
          {digits.length === 0 ? '\u00a0' : groupDigits(digits)}
        </output>
      </div>
      <p className="callback-problem" data-testid="callback-problem" aria-live="polite">
        {problem ? t(`problem.${problem}`) : failed ? t('failed') : ''}
      </p>
      <div className="callback-keypad" role="group" aria-label={t('keypadLabel')}>
        {KEYPAD_DIGITS.map((digit) => (
          <Button
            key={digit}
            className={`callback-key${digit === '0' ? ' callback-key-zero' : ''}`}
            testId={`callback-key-${digit}`}
            disabled={sending}
            onClick={() => send({ type: 'user.callbackDigit', digit })}
          >
            {digit}
          </Button>
        ))}
        <Button
          className="callback-key"
          testId="callback-backspace"
          aria-label={t('backspace')}
          disabled={sending || digits.length === 0}
          onClick={() => send({ type: 'user.callbackBackspace' })}
        >
          <span aria-hidden="true">{BACKSPACE_SYMBOL}</span>
        </Button>
      </div>
      <button
        type="button"
        role="checkbox"
        aria-checked={consent}
        className="callback-consent"
        data-testid="callback-consent"
        disabled={sending}
        onClick={() => send({ type: 'user.toggleCallbackConsent' })}
      >
        <span className="callback-consent-box" aria-hidden="true">
          {consent ? CHECK_SYMBOL : null}
        </span>
        <span>{t('consent')}</span>
      </button>
    </Screen>
  );
}
