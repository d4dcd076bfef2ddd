import { useTranslation } from 'react-i18next';
import type { MessageOf, ServerMessage } from '../../../../protocol/index.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import { LinesTable } from '../overview/LinesTable.js';
import '../overview/overview.css';

export type SupervisorView = Omit<MessageOf<ServerMessage, 'supervisor.snapshot'>, 'type'>;

/**
 * For agents the server marks as supervisors: every line, and every signed-in agent by id with
 * their state, for how long, and what they serve. Only rendered when the server sent a snapshot.
 */
export function SupervisorPanel({ view }: { view: SupervisorView | null }) {
  const { t } = useTranslation(['supervisor', 'status', 'common', 'services']);
  if (view === null) return null;
  return (
    <section className="agent-section" data-testid="supervisor-panel" aria-labelledby="supervisor-title">
      <h2 id="supervisor-title">{t('supervisor:title')}</h2>
      <LinesTable lines={view.lines} caption={t('supervisor:linesTitle')} testId="supervisor-lines" />
      <h3>{t('supervisor:agentsTitle')}</h3>
      {view.agents.length === 0 ? (
        <p>{t('supervisor:noAgents')}</p>
      ) : (
        <table className="overview-table" data-testid="supervisor-agents">
          <caption>{t('supervisor:agentsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('supervisor:agent')}</th>
              <th scope="col">{t('supervisor:state')}</th>
              <th scope="col">{t('supervisor:since')}</th>
              <th scope="col">{t('supervisor:serves')}</th>
            </tr>
          </thead>
          <tbody>
            {view.agents.map((agent) => {
              const state = t(`status:states.${agent.state}`);
              return (
                <tr key={agent.agentId} data-testid="supervisor-agent" data-agent={agent.agentId} data-state={agent.state}>
                  <th scope="row">{agent.agentId}</th>
                  <td>
                    {agent.awayReason ? t('supervisor:awayReason', { state, reason: t(`status:awayReasons.${agent.awayReason}`) }) : state}
                  </td>
                  <td>{formatDuration(agent.sinceMs)}</td>
                  <td>
                    {agent.serviceLines.map((line) => t(`services:${line}.name`)).join(', ')} ·{' '}
                    {agent.languages.map((language) => t(`common:languages.${language}`)).join(', ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
