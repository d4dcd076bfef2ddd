import { useTranslation } from 'react-i18next';
import type { CallQuality } from '../../../shared/call/callActors.js';

/** The phrase for a measured link, or none while the first seconds are still being judged. */
function qualityPhrase(quality: CallQuality | null): 'quality.good' | 'quality.fair' | 'quality.poor' | 'quality.audioOnly' | undefined {
  if (!quality) return undefined;
  if (quality.audioOnly) return 'quality.audioOnly';
  return quality.settled ? `quality.${quality.level}` : undefined;
}

/**
 * One plain sentence about the call's link, in words rather than bars or icons: "Reconnecting…"
 * while media is recovered, otherwise how good the connection is. Read out politely by screen readers.
 */
export function CallLinkStatus({ recovering, quality }: { recovering: boolean; quality: CallQuality | null }) {
  const { t } = useTranslation('kioskCall');
  const phrase = qualityPhrase(quality);
  return (
    <p className={`call-link-status${recovering ? ' is-recovering' : ''}`} role="status" data-testid="call-link-status">
      {recovering ? (
        <span data-testid="call-reconnecting">{t('reconnecting')}</span>
      ) : phrase ? (
        <span data-testid="call-quality" data-level={quality?.audioOnly ? 'audio-only' : quality?.level}>
          {t(phrase)}
        </span>
      ) : null}
    </p>
  );
}
