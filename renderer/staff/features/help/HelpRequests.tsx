import { useTranslation } from 'react-i18next';
import type { Id, SiteHelpRequest } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { useElapsed } from '../../../shared/ui/useElapsed.js';
import type { HelpProblem } from '../../machines/staffMachine.js';
import './help.css';

export interface HelpRequestsProps {
  requests: readonly SiteHelpRequest[];
  /** This staff member's id: an acknowledgement by them reads "you". */
  staffId: Id | null;
  problem: HelpProblem | null;
  onAcknowledge(request: SiteHelpRequest): void;
  onResolve(request: SiteHelpRequest): void;
}

function HelpCard({ request, staffId, onAcknowledge, onResolve }: { request: SiteHelpRequest; staffId: Id | null } & Pick<HelpRequestsProps, 'onAcknowledge' | 'onResolve'>) {
  const { t } = useTranslation('staffHelp');
  // Counts on between pushes, so the wait on screen never looks frozen.
  const waited = useElapsed(request.waitedMs);
  const titleId = `help-${request.helpId}`;
  const coming = request.acknowledgedBy === undefined ? null : request.acknowledgedBy === staffId ? 'comingYou' : 'comingColleague';
  return (
    <li className={`help-card${coming ? ' help-card-acknowledged' : ''}`} data-testid={`help-${request.kioskId}`} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('kiosk', { kioskId: request.kioskId })}</h3>
      <p>{t('onScreen', { step: t(`steps.${request.step}`) })}</p>
      <p>{t('waiting', { duration: formatDuration(waited) })}</p>
      {coming ? (
        <p className="help-coming" data-testid={`help-coming-${request.kioskId}`}>
          {t(coming)}
        </p>
      ) : null}
      <div className="help-actions">
        {coming === 'comingYou' ? null : (
          <Button testId={`help-acknowledge-${request.kioskId}`} variant="primary" onClick={() => onAcknowledge(request)}>
            {t('acknowledge')}
          </Button>
        )}
        <Button testId={`help-resolve-${request.kioskId}`} onClick={() => onResolve(request)}>
          {t('resolve')}
        </Button>
      </div>
    </li>
  );
}

/** The site's open help requests, longest waiting first: the first thing staff look at. */
export function HelpRequests({ requests, staffId, problem, onAcknowledge, onResolve }: HelpRequestsProps) {
  const { t } = useTranslation('staffHelp');
  return (
    <section className="staff-section" data-testid="help-requests" aria-labelledby="help-title">
      <h2 id="help-title">{t('title')}</h2>
      {problem ? (
        <p className="form-error" role="alert" data-testid="help-problem">
          {t(`problems.${problem}`)}
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p data-testid="help-none">{t('none')}</p>
      ) : (
        <ul className="help-list">
          {requests.map((request) => (
            <HelpCard key={request.helpId} request={request} staffId={staffId} onAcknowledge={onAcknowledge} onResolve={onResolve} />
          ))}
        </ul>
      )}
    </section>
  );
}
