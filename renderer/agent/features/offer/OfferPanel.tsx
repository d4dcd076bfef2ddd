import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover, InterpreterLanguage, TicketSummary } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { useElapsed } from '../../../shared/ui/useElapsed.js';
import { startRing } from './ringTone.js';
import { TriageSummaryView } from './TriageSummaryView.js';

export interface OfferPanelProps {
  ticket: TicketSummary;
  /** Accept was pressed: waiting for the server to start the call. */
  accepting: boolean;
  onAccept(): void;
  onDecline(): void;
  /** A warm transfer from a colleague, with their note. */
  handover?: Handover | undefined;
  /** An interpreter's invitation, for this language. */
  interpreterLanguage?: InterpreterLanguage | undefined;
}

/**
 * An incoming call rings: a chime while it waits, a pulsing border (still under reduced motion)
 * and an announcement for screen readers.
 */
export function OfferPanel({ ticket, accepting, onAccept, onDecline, handover, interpreterLanguage }: OfferPanelProps) {
  const { t } = useTranslation(['offer', 'services', 'common', 'interpreterLanguages']);
  const waited = useElapsed(ticket.waitedMs);
  const [audible, setAudible] = useState(false);
  // Like a phone, it stops ringing once answered: the chime and the pulse (which repaints every
  // frame) give the accept's call setup the machine to itself.
  useEffect(() => {
    if (accepting) return;
    const ring = startRing();
    void ring.audible.then(setAudible);
    return () => ring.stop();
  }, [accepting]);
  const title = interpreterLanguage ? t('offer:titleInterpreter') : handover ? t('offer:titleTransfer') : t('offer:title');
  return (
    <section className={accepting ? 'panel offer' : 'panel offer ringing'} data-testid="offer" data-ring={audible ? 'audible' : 'visual'} aria-labelledby="offer-title">
      <h1 id="offer-title">{title}</h1>
      <p className="visually-hidden" role="alert">
        {title}
      </p>
      {handover ? <p data-testid="offer-transfer">{t('offer:transferIntro')}</p> : null}
      <dl className="offer-facts">
        <dt>{t('offer:service')}</dt>
        <dd data-testid="offer-service">{t(`services:${ticket.serviceLine}.name`)}</dd>
        <dt>{t('offer:language')}</dt>
        <dd data-testid="offer-language">{t(`common:languages.${ticket.language}`)}</dd>
        <dt>{t('offer:waited')}</dt>
        <dd>{formatDuration(waited)}</dd>
        {interpreterLanguage ? (
          <>
            <dt>{t('offer:interpreterLanguage')}</dt>
            <dd data-testid="offer-interpreter-language">{t(`interpreterLanguages:${interpreterLanguage}`)}</dd>
          </>
        ) : ticket.interpreterLanguage ? (
          <>
            <dt>{t('offer:needsInterpreter')}</dt>
            <dd data-testid="offer-needs-interpreter">{t(`interpreterLanguages:${ticket.interpreterLanguage}`)}</dd>
          </>
        ) : null}
        {handover?.note ? (
          <>
            <dt>{t('offer:handoverNote')}</dt>
            <dd data-testid="offer-handover-note">{handover.note}</dd>
          </>
        ) : null}
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
