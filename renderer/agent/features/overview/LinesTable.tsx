import { useTranslation } from 'react-i18next';
import type { LineOverview } from '../../../../protocol/index.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';

/** One row per (service line, language): how many wait, the longest wait, the estimate for a newcomer. */
export function LinesTable({ lines, caption, testId }: { lines: readonly LineOverview[]; caption: string; testId: string }) {
  const { t } = useTranslation(['overview', 'common', 'services']);
  return (
    <table className="overview-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('overview:line')}</th>
          <th scope="col">{t('overview:language')}</th>
          <th scope="col">{t('overview:waitingHeader')}</th>
          <th scope="col">{t('overview:longest')}</th>
          <th scope="col">{t('overview:estimate')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr
            key={`${line.serviceLine}/${line.language}`}
            data-testid="overview-line"
            data-line={`${line.serviceLine}/${line.language}`}
            className={line.waiting > 0 ? 'overview-busy' : undefined}
          >
            <th scope="row">{t(`services:${line.serviceLine}.name`)}</th>
            <td>{t(`common:languages.${line.language}`)}</td>
            <td data-testid="overview-waiting">{line.waiting}</td>
            <td>{line.waiting > 0 ? formatDuration(line.longestWaitMs) : t('overview:none')}</td>
            <td>{line.estimatedWaitMs === undefined ? t('overview:none') : formatDuration(line.estimatedWaitMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
