import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../protocol/index.js';
import { useSpeech } from '../../../shared/speech/SpeechContext.js';
import { Bilingual } from '../../../shared/ui/Bilingual.js';
import { Button } from '../../../shared/ui/Button.js';
import { IDLE_COUNTDOWN_MS, type KioskSend } from '../../machines/kioskMachine.js';

const SECOND_MS = 1_000;
/** Besides the start, the seconds at which the countdown is said again: someone walking back hears it. */
export const SPOKEN_AT_SECONDS = [10, 5] as const;

/**
 * The visible and spoken countdown before the wipe. The machine owns the real deadline; this
 * only shows and says the seconds, so a slow render can never keep a visit alive. Before a
 * language was chosen it speaks and shows both.
 */
export function IdleCountdown({ language, send }: { language: Language | null; send: KioskSend }) {
  const { t } = useTranslation('idle');
  const speech = useSpeech();
  const [seconds, setSeconds] = useState(Math.round(IDLE_COUNTDOWN_MS / SECOND_MS));
  useEffect(() => {
    const timer = setInterval(() => setSeconds((s) => Math.max(0, s - 1)), SECOND_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const first = seconds === Math.round(IDLE_COUNTDOWN_MS / SECOND_MS);
    if (!first && !(SPOKEN_AT_SECONDS as readonly number[]).includes(seconds)) return;
    const languages: Language[] = language ? [language] : ['en', 'fr'];
    speech.speak(
      languages.map((lng) => ({
        language: lng,
        text: first ? `${t('title', { lng })} ${t('body', { lng, seconds })}` : t('body', { lng, seconds }),
      })),
    );
  }, [seconds, language, speech, t]);
  const say = (key: 'title' | 'body' | 'stay') =>
    language ? t(key, { seconds }) : <Bilingual text={(lng) => t(key, { lng, seconds })} separator={key !== 'body'} as={key === 'body' ? 'p' : 'span'} />;
  const [title, body, stay] = (['title', 'body', 'stay'] as const).map(say);
  return (
    <div className="idle-overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-countdown">
      <div className="idle-dialog">
        <h2 id="idle-title">{title}</h2>
        <div id="idle-body" className="lead">
          {language ? <p>{body}</p> : body}
        </div>
        <Button testId="idle-stay" variant="primary" autoFocus onClick={() => send({ type: 'user.activity' })}>
          {stay}
        </Button>
      </div>
    </div>
  );
}
