import { useTranslation } from 'react-i18next';
import type { CallQuality } from '../../../shared/call/callActors.js';

const round = (value: number | undefined, digits = 0): string | undefined => (value === undefined ? undefined : value.toFixed(digits));

type Figure = {
  testId: string;
  label: 'quality.loss' | 'quality.rtt' | 'quality.bitrate' | 'quality.fps';
  unit: 'quality.percent' | 'quality.ms' | 'quality.kbps' | 'quality.perSecond';
  value(quality: CallQuality): string | undefined;
};

const FIGURES: readonly Figure[] = [
  { testId: 'quality-loss', label: 'quality.loss', unit: 'quality.percent', value: (q) => round(q.lossPct, 1) },
  { testId: 'quality-rtt', label: 'quality.rtt', unit: 'quality.ms', value: (q) => round(q.rttMs) },
  { testId: 'quality-bitrate', label: 'quality.bitrate', unit: 'quality.kbps', value: (q) => round(q.inboundKbps) },
  { testId: 'quality-fps', label: 'quality.fps', unit: 'quality.perSecond', value: (q) => round(q.receivedFps) },
];

/**
 * The link in figures for the agent (loss, round trip, incoming bitrate, frame rate of the
 * visitor's video), refreshed every second: enough to tell "their Wi-Fi" from "my headset".
 */
export function CallQualityPanel({ recovering, quality }: { recovering: boolean; quality: CallQuality | null }) {
  const { t } = useTranslation('agentCall');
  let level: string;
  if (recovering) level = t('reconnecting');
  else if (!quality?.settled) level = t('quality.measuring');
  else level = t(`quality.levels.${quality.level}`);
  return (
    <section className="call-quality" aria-labelledby="call-quality-title" data-testid="call-quality-panel">
      <h2 id="call-quality-title">{t('quality.heading')}</h2>
      <p role="status" data-testid="call-quality-level">
        {level}
        {quality?.audioOnly ? ` · ${t('quality.audioOnly')}` : ''}
      </p>
      <dl className="quality-figures">
        {FIGURES.map((figure) => {
          const value = quality ? figure.value(quality) : undefined;
          return (
            <div className="quality-figure" key={figure.testId}>
              <dt>{t(figure.label)}</dt>
              <dd data-testid={figure.testId}>{value === undefined ? t('quality.unknown') : t(figure.unit, { value })}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
