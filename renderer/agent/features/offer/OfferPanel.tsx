import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { useElapsed } from '../../../shared/ui/useElapsed.js';
import { TriageSummaryView } from './TriageSummaryView.js';

export interface OfferPanelProps {
  ticket: TicketSummary;
  /** Accept was pressed: waiting for the server to start the call. */
  accepting: boolean;
  onAccept(): void;
  onDecline(): void;
}

/** An incoming call rings visually (a pulsing border, still under reduced motion) and is announced. */
export function OfferPanel({ ticket, accepting, onAccept, onDecline }: OfferPanelProps) {
  const { t } = useTranslation(['offer', 'services', 'common']);
  const waited = useElapsed(ticket.waitedMs);
  return (
    <section className="panel offer ringing" data-testid="offer" aria-labelledby="offer-title">
      <h1 id="offer-title">{t('offer:title')}</h1>
      <p className="visually-hidden" role="alert">
        {t('offer:title')}
      </p>
      <dl className="offer-facts">
        <dt>{t('offer:service')}</dt>
        <dd data-testid="offer-service">{t(`services:${ticket.serviceLine}.name`)}</dd>
        <dt>{t('offer:language')}</dt>
        <dd data-testid="offer-language">{t(`common:languages.${ticket.language}`)}</dd>
        <dt>{t('offer:waited')}</dt>
        <dd>{formatDuration(waited)}</dd>
      </dl>
      {ticket.triage ? <TriageSummaryView summary={ticket.triage} /> : null}
      <div className="offer-actions">
        <Button testId="accept" variant="primary" disabled={accepting} aria-busy={accepting} onClick={onAccept}>
          {t('offer:accept')}
        </Button>
        <Button testId="decline" disabled={accepting} onClick={onDecline}>
          {t('offer:decline')}
        </Button>
      </div>
    </section>
  );
}
