import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type CallbackSummary, type Id } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { groupDigits } from '../../../kiosk/features/callback/phoneDigits.js';
import { TriageSummaryView } from '../offer/TriageSummaryView.js';
import './callbacks.css';

/** The list is refreshed this often while on screen: new requests show up without a click. */
export const CALLBACKS_REFRESH_MS = 30_000;

export interface CallbacksPanelProps {
  callbacks: CallbackSummary[];
  open: { callbackId: Id; phone: string } | null;
  problem: boolean;
  onRefresh(): void;
  onOpen(callbackId: Id): void;
  onDone(callbackId: Id, outcome: CallbackOutcome): void;
}

/**
 * Pending callbacks: routing facts only, until the agent opens one to dial it. Opening is
 * logged on the server; marking it done deletes the number there and here.
 */
export function CallbacksPanel({ callbacks, open, problem, onRefresh, onOpen, onDone }: CallbacksPanelProps) {
  const { t } = useTranslation(['callbacks', 'common', 'services']);
  useEffect(() => {
    onRefresh();
    const timer = setInterval(onRefresh, CALLBACKS_REFRESH_MS);
    return () => clearInterval(timer);
    // The panel asks once on mount and then on its own beat; a new callback prop must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <section className="agent-section" data-testid="callbacks-panel" aria-labelledby="callbacks-title">
      <div className="callbacks-head">
        <h2 id="callbacks-title">{t('callbacks:title', { count: callbacks.length })}</h2>
        <Button testId="callbacks-refresh" onClick={onRefresh}>
          {t('callbacks:refresh')}
        </Button>
      </div>
      {problem ? (
        <p className="callbacks-problem" role="status" data-testid="callbacks-problem">
          {t('callbacks:problem')}
        </p>
      ) : null}
      {callbacks.length === 0 ? (
        <p data-testid="callbacks-empty">{t('callbacks:empty')}</p>
      ) : (
        <ul className="callbacks-list">
          {callbacks.map((item) => (
            <li key={item.callbackId} className="callbacks-item" data-testid="callback-item">
              <dl className="offer-facts">
                <div>
                  <dt>{t('callbacks:service')}</dt>
                  <dd>{t(`services:${item.serviceLine}.name`)}</dd>
                </div>
                <div>
                  <dt>{t('callbacks:language')}</dt>
                  <dd>{t(`common:languages.${item.language}`)}</dd>
                </div>
                <div>
                  <dt>{t('callbacks:requested')}</dt>
                  <dd>{t('callbacks:ago', { time: formatDuration(item.requestedAt) })}</dd>
                </div>
              </dl>
              {item.triage ? <TriageSummaryView summary={item.triage} /> : null}
              {open?.callbackId === item.callbackId ? (
                <div className="callback-open">
                  <p>
                    {t('callbacks:number')}{' '}
                    <strong className="callback-phone" data-testid="callback-phone">
                      {groupDigits(open.phone)}
                    </strong>
                  </p>
                  <div className="callback-outcomes" role="group" aria-label={t('callbacks:markDone')}>
                    {CALLBACK_OUTCOMES.map((outcome) => (
                      <Button key={outcome} testId={`callback-done-${outcome}`} onClick={() => onDone(item.callbackId, outcome)}>
                        {t(`callbacks:outcomes.${outcome}`)}
                      </Button>
                    ))}
                  </div>
                </div>
              ) : (
                <Button variant="primary" testId="callback-open" onClick={() => onOpen(item.callbackId)}>
                  {t('callbacks:open')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
