import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_LINES, WRAPUP_NOTES_MAX_CHARS, type Colleague, type Id, type ServiceLine } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import type { TransferView } from '../../machines/agentMachine.js';

/** What the agent asks for: anyone free on a line, or one colleague by name. */
export interface TransferRequest {
  serviceLine: ServiceLine;
  agentId?: Id;
  note: string;
}

export interface TransferPanelProps {
  /** The visitor's line: the default, as most transfers stay within the program. */
  currentLine: ServiceLine | undefined;
  transfer: TransferView | null;
  /** Signed-in colleagues as last listed; null until the list came. */
  colleagues: readonly Colleague[] | null;
  onFindColleagues(): void;
  onTransfer(request: TransferRequest): void;
  onCancel(): void;
  onLeave(): void;
}

/** The "who" choice's value for anyone free on the line. */
const ANYONE = '';

/**
 * Warm transfer: ask for a colleague on a line, or one by name, with a note only agents read; stay
 * with the visitor until the colleague has joined, then leave. The visitor is never asked again: the
 * summary goes too.
 */
export function TransferPanel({ currentLine, transfer, colleagues, onFindColleagues, onTransfer, onCancel, onLeave }: TransferPanelProps) {
  const { t } = useTranslation(['transfer', 'services', 'status']);
  const [line, setLine] = useState<ServiceLine>(currentLine ?? SERVICE_LINES[0]);
  const [who, setWho] = useState<string>(ANYONE);
  const [note, setNote] = useState('');
  const state = transfer?.state;
  const underWay = state === 'asking' || state === 'waiting' || state === 'offered';
  // Asked for when the agent first turns to the form, not when the call starts: the list is fresher
  // then, and the call's first seconds are its media's (docs/performance.md). *Refresh* asks again.
  const asked = useRef(false);
  const findOnFirstFocus = () => {
    if (asked.current) return;
    asked.current = true;
    onFindColleagues();
  };
  const onLine = (colleagues ?? []).filter((colleague) => colleague.serviceLines.includes(line));
  const named = onLine.find((colleague) => colleague.agentId === who);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onTransfer({ serviceLine: line, ...(named ? { agentId: named.agentId } : {}), note });
  };
  const status = !state ? '' : state === 'waiting' && named ? t('transfer:states.waitingFor', { name: named.displayName }) : t(`transfer:states.${state}`);
  return (
    <section className="transfer-panel" aria-labelledby="transfer-heading" data-testid="transfer-panel">
      <h2 id="transfer-heading">{t('transfer:heading')}</h2>
      {state === 'joined' ? (
        <Button testId="transfer-leave" variant="primary" onClick={onLeave}>
          {t('transfer:leave')}
        </Button>
      ) : (
        <form onSubmit={submit} onFocus={findOnFirstFocus} className="transfer-form">
          <label>
            {t('transfer:serviceLine')}
            <select data-testid="transfer-line" value={line} disabled={underWay} onChange={(event) => setLine(event.target.value as ServiceLine)}>
              {SERVICE_LINES.map((id) => (
                <option key={id} value={id}>
                  {t(`services:${id}.name`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('transfer:who')}
            <select data-testid="transfer-colleague" value={named ? who : ANYONE} disabled={underWay} onChange={(event) => setWho(event.target.value)}>
              <option value={ANYONE}>{t('transfer:anyone')}</option>
              {onLine.map((colleague) => (
                <option key={colleague.agentId} value={colleague.agentId}>
                  {t('transfer:colleague', { name: colleague.displayName, state: t(`status:states.${colleague.state}`) })}
                </option>
              ))}
            </select>
          </label>
          <Button testId="transfer-refresh" disabled={underWay} onClick={onFindColleagues}>
            {t('transfer:refresh')}
          </Button>
          <label>
            {t('transfer:note')}
            <textarea
              data-testid="transfer-note"
              maxLength={WRAPUP_NOTES_MAX_CHARS}
              rows={3}
              value={note}
              disabled={underWay}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
          {underWay ? (
            <Button testId="transfer-cancel" onClick={onCancel}>
              {t('transfer:cancel')}
            </Button>
          ) : (
            <Button type="submit" testId="transfer-submit">
              {t('transfer:submit')}
            </Button>
          )}
        </form>
      )}
      <p role="status" className="note" data-testid="transfer-status">
        {status}
      </p>
    </section>
  );
}
