import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../protocol/index.js';
import { useSpeech } from '../../../shared/speech/SpeechContext.js';
import { Bilingual } from '../../../shared/ui/Bilingual.js';
import { Button } from '../../../shared/ui/Button.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

export interface AccessibilityBarProps {
  /** null before the visitor chose: the labels are then in both languages. */
  language: Language | null;
  highContrast: boolean;
  largeText: boolean;
  onReadAloud(): void;
  send: KioskSend;
}

type A11yKey = 'label' | 'readAloud' | 'contrast' | 'textSize';

/**
 * Read aloud, high contrast and larger text: on every screen, the welcome included, in the
 * same place at the bottom. The toggles say their state with aria-pressed, not colour alone.
 */
export function AccessibilityBar({ language, highContrast, largeText, onReadAloud, send }: AccessibilityBarProps) {
  const { t } = useTranslation('a11y');
  const speech = useSpeech();
  const label = (key: A11yKey) =>
    language ? t(key) : <Bilingual text={(lng) => t(key, { lng })} separator />;
  const ariaLabel = language ? t('label') : `${t('label', { lng: 'en' })} / ${t('label', { lng: 'fr' })}`;
  const [readAloud, contrast, textSize] = (['readAloud', 'contrast', 'textSize'] as const).map(label);
  return (
    <nav className="a11y-bar" aria-label={ariaLabel} data-testid="a11y-bar">
      {speech.available ? (
        <Button testId="read-aloud" onClick={onReadAloud}>
          {readAloud}
        </Button>
      ) : null}
      <Button testId="toggle-contrast" aria-pressed={highContrast} onClick={() => send({ type: 'user.toggleContrast' })}>
        {contrast}
      </Button>
      <Button testId="toggle-text-size" aria-pressed={largeText} onClick={() => send({ type: 'user.toggleTextSize' })}>
        {textSize}
      </Button>
    </nav>
  );
}
