import { useTranslation } from 'react-i18next';
import type { LineOverview } from '../../../../protocol/index.js';
import { LinesTable } from './LinesTable.js';
import './overview.css';

/**
 * The queues this agent serves, as the server last pushed them (at most once a second, at least
 * every 15 s): counts and waits only, never who waits. Nothing until the first push.
 */
export function QueueOverviewPanel({ lines }: { lines: readonly LineOverview[] | null }) {
  const { t } = useTranslation(['overview']);
  if (lines === null) return null;
  return (
    <section className="agent-section" data-testid="queue-overview" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('overview:title')}</h2>
      {lines.length === 0 ? <p>{t('overview:empty')}</p> : <LinesTable lines={lines} caption={t('overview:title')} testId="overview-table" />}
    </section>
  );
}
