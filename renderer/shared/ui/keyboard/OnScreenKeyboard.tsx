import { useState } from 'react';
import { KEYBOARD_LAYOUTS, deleteCharacter, keyCharacter, typeCharacter, type KeyboardLayoutId } from './layouts.js';
import './keyboard.css';

/** The visible words on the special keys; the app passes them from its own i18n resources. */
export interface KeyboardLabels {
  /** The keyboard as a whole, for screen readers. */
  keyboard: string;
  backspace: string;
  space: string;
  shift: string;
  send: string;
  /** The layout-switch key: names the layout it switches *to*. */
  switchTo: Record<KeyboardLayoutId, string>;
}

export interface OnScreenKeyboardProps {
  value: string;
  onChange(value: string): void;
  onSend(): void;
  maxChars: number;
  initialLayout: KeyboardLayoutId;
  labels: KeyboardLabels;
  /** The send key is disabled when there is nothing to send. */
  canSend: boolean;
}

/**
 * Large touch keys (at least 44 px, see keyboard.css) for a kiosk that has no keyboard.
 * Shift applies to one letter, like a phone's. Keys are real buttons, so the keyboard also
 * works with a switch device or a screen reader.
 */
export function OnScreenKeyboard({ value, onChange, onSend, maxChars, initialLayout, labels, canSend }: OnScreenKeyboardProps) {
  const [layoutId, setLayoutId] = useState<KeyboardLayoutId>(initialLayout);
  const [shifted, setShifted] = useState(false);
  const layout = KEYBOARD_LAYOUTS[layoutId];
  const other: KeyboardLayoutId = layoutId === 'en' ? 'fr' : 'en';
  const type = (character: string) => {
    onChange(typeCharacter(value, character, maxChars));
    setShifted(false);
  };
  return (
    <div className="osk" role="group" aria-label={labels.keyboard} data-testid="osk" data-layout={layoutId}>
      {layout.rows.map((row) => (
        <div className="osk-row" key={row.join('')}>
          {row.map((key) => {
            const character = keyCharacter(key, shifted, layoutId);
            return (
              <button type="button" className="osk-key" key={key} data-testid={`osk-key-${key}`} onClick={() => type(character)}>
                {character}
              </button>
            );
          })}
        </div>
      ))}
      <div className="osk-row">
        <button
          type="button"
          className="osk-key osk-wide"
          aria-pressed={shifted}
          data-testid="osk-shift"
          onClick={() => setShifted((s) => !s)}
        >
          {labels.shift}
        </button>
        <button type="button" className="osk-key osk-wide" data-testid="osk-layout" lang={other} onClick={() => setLayoutId(other)}>
          {labels.switchTo[other]}
        </button>
        <button type="button" className="osk-key osk-space" data-testid="osk-space" onClick={() => type(' ')}>
          {labels.space}
        </button>
        <button type="button" className="osk-key osk-wide" data-testid="osk-backspace" onClick={() => onChange(deleteCharacter(value))}>
          {labels.backspace}
        </button>
        <button type="button" className="osk-key osk-wide osk-send" data-testid="osk-send" disabled={!canSend} onClick={onSend}>
          {labels.send}
        </button>
      </div>
    </div>
  );
}
