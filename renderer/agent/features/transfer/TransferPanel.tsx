import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_LINES, WRAPUP_NOTES_MAX_CHARS, type ServiceLine } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import type { TransferView } from '../../machines/agentMachine.js';

export interface TransferPanelProps {
  /** The visitor's line: the default, as most transfers stay within the program. */
  currentLine: ServiceLine | undefined;
  transfer: TransferView | null;
  onTransfer(serviceLine: ServiceLine, note: string): void;
  onCancel(): void;
  onLeave(): void;
}

/**
 * Warm transfer: ask for a colleague on a line, with a note only agents read; stay with the visitor
 * until the colleague has joined, then leave. The visitor is never asked again: the summary goes too.
 */
export function TransferPanel({ currentLine, transfer, onTransfer, onCancel, onLeave }: TransferPanelProps) {
  const { t } = useTranslation(['transfer', 'services']);
  const [line, setLine] = useState<ServiceLine>(currentLine ?? SERVICE_LINES[0]);
  const [note, setNote] = useState('');
  const state = transfer?.state;
  const underWay = state === 'asking' || state === 'waiting' || state === 'offered';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onTransfer(line, note);
  };
  return (
    <section className="transfer-panel" aria-labelledby="transfer-heading" data-testid="transfer-panel">
      <h2 id="transfer-heading">{t('transfer:heading')}</h2>
      {state === 'joined' ? (
        <Button testId="transfer-leave" variant="primary" onClick={onLeave}>
          {t('transfer:leave')}
        </Button>
      ) : (
        <form onSubmit={submit} className="transfer-form">
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
        {state ? t(`transfer:states.${state}`) : ''}
      </p>
    </section>
  );
}
