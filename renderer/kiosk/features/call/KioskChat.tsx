import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX_CHARS, type Language } from '../../../../protocol/index.js';
import type { ChatLine } from '../../../shared/call/chatLines.js';
import { OnScreenKeyboard } from '../../../shared/ui/keyboard/OnScreenKeyboard.js';

export interface KioskChatProps {
  lines: readonly ChatLine[];
  language: Language;
  onSend(text: string): void;
}

/**
 * The visitor's side of the chat: the agent's lines on the left, the visitor's on the right,
 * each with who wrote it (colour is never the only cue), and the on-screen keyboard in the
 * visit's language. The draft lives here only: it is gone when the call screen closes.
 */
export function KioskChat({ lines, language, onSend }: KioskChatProps) {
  const { t } = useTranslation('kioskCall');
  const [draft, setDraft] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    logRef.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [lines.length]);
  const text = draft.trim();
  const send = () => {
    if (!text) return;
    onSend(text);
    setDraft('');
  };
  return (
    <section className="kiosk-chat" aria-labelledby="kiosk-chat-heading" data-testid="kiosk-chat">
      <h2 id="kiosk-chat-heading">{t('chat.heading')}</h2>
      {lines.length === 0 ? <p className="chat-empty">{t('chat.empty')}</p> : null}
      {/* The log role sits on a wrapper: on the list itself it would hide the list items. */}
      <div role="log" aria-live="polite">
        <ol className="chat-lines" ref={logRef} data-testid="chat-lines">
          {lines.map((line) => (
            <li key={line.seq} className={`chat-line chat-from-${line.from}`} data-from={line.from}>
              <span className="chat-who">{line.from === 'kiosk' ? t('chat.you') : t('chat.agent')}</span>
              <span className="chat-text">{line.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <output className="chat-draft" aria-label={t('chat.draft')} data-testid="chat-draft">
        {draft}
      </output>
      <OnScreenKeyboard
        value={draft}
        onChange={setDraft}
        onSend={send}
        canSend={text.length > 0}
        maxChars={CHAT_TEXT_MAX_CHARS}
        initialLayout={language}
        labels={{
          keyboard: t('keyboard.keyboard'),
          backspace: t('keyboard.backspace'),
          space: t('keyboard.space'),
          shift: t('keyboard.shift'),
          send: t('keyboard.send'),
          switchTo: { en: t('keyboard.switchToEn'), fr: t('keyboard.switchToFr') },
        }}
      />
    </section>
  );
}
