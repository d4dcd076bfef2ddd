import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX_CHARS } from '../../../../protocol/index.js';
import type { ChatLine } from '../../../shared/call/chatLines.js';
import { Button } from '../../../shared/ui/Button.js';

export interface AgentChatProps {
  lines: readonly ChatLine[];
  onSend(text: string): void;
}

/** The agent's side of the chat: a plain text field, the agent has a real keyboard. */
export function AgentChat({ lines, onSend }: AgentChatProps) {
  const { t } = useTranslation('agentCall');
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    onSend(text);
    setDraft('');
  };
  return (
    <section className="agent-chat" aria-labelledby="agent-chat-heading" data-testid="agent-chat">
      <h2 id="agent-chat-heading">{t('chat.heading')}</h2>
      {lines.length === 0 ? <p className="note">{t('chat.empty')}</p> : null}
      {/* The log role sits on a wrapper: on the list itself it would hide the list items. */}
      <div role="log" aria-live="polite">
        <ol className="chat-lines" data-testid="chat-lines">
          {lines.map((line) => (
            <li key={line.seq} className={`chat-line chat-from-${line.from}`} data-from={line.from}>
              <span className="chat-who">{line.from === 'agent' ? t('chat.you') : t('chat.visitor')}</span>
              <span className="chat-text">{line.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="agent-chat-input" className="visually-hidden">
          {t('chat.input')}
        </label>
        <input
          id="agent-chat-input"
          data-testid="chat-input"
          value={draft}
          maxLength={CHAT_TEXT_MAX_CHARS}
          autoComplete="off"
          onChange={(event) => setDraft(event.target.value)}
        />
        <Button type="submit" testId="chat-send" variant="primary" disabled={!draft.trim()}>
          {t('chat.send')}
        </Button>
      </form>
    </section>
  );
}
