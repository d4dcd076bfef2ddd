import { useTranslation } from 'react-i18next';
import type { DeviceState, SiteKiosk } from '../../../../protocol/index.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import './kiosks.css';

const DEVICE_KINDS = ['camera', 'microphone', 'speaker'] as const;

/** "14:05" in the console's language: when something the server reports happened. */
function clockTime(msAgo: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(Date.now() - msAgo));
}

function KioskCard({ kiosk }: { kiosk: SiteKiosk }) {
  const { t, i18n } = useTranslation('staffKiosks');
  const titleId = `kiosk-${kiosk.kioskId}`;
  const activity =
    kiosk.activity === 'waiting'
      ? t('activity.waiting', { position: kiosk.position ?? 1, duration: formatDuration(kiosk.waitedMs ?? 0) })
      : t(`activity.${kiosk.activity}`);
  // Not being connected is normal between visitors; silence, a dropped connection or a device fault is not.
  const problem = kiosk.outOfService || kiosk.silent || kiosk.connection === 'reconnecting' || DEVICE_KINDS.some((kind) => kiosk.devices && kiosk.devices[kind] !== 'ok');
  return (
    <li className={`kiosk-card${problem ? ' kiosk-card-problem' : ''}`} data-testid={`kiosk-${kiosk.kioskId}`} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('kiosk', { kioskId: kiosk.kioskId })}</h3>
      <p className={`kiosk-connection kiosk-${kiosk.connection}`} data-testid={`kiosk-connection-${kiosk.kioskId}`}>
        <span className="kiosk-dot" aria-hidden="true" />
        {t(`connection.${kiosk.connection}`)}
      </p>
      <p className="kiosk-last-seen">
        {kiosk.lastSeenMsAgo === undefined ? t('neverSeen') : t('lastSeen', { time: clockTime(kiosk.lastSeenMsAgo, i18n.language) })}
      </p>
      {kiosk.silent ? (
        <p className="kiosk-alert" data-testid={`kiosk-silent-${kiosk.kioskId}`}>
          {t('silent')}
        </p>
      ) : null}
      <p data-testid={`kiosk-activity-${kiosk.kioskId}`}>{activity}</p>
      {kiosk.outOfService ? (
        <p className="kiosk-alert" data-testid={`kiosk-out-of-service-${kiosk.kioskId}`}>
          {t('outOfService')}
        </p>
      ) : null}
      {kiosk.devices ? (
        <>
          <dl className="kiosk-devices" aria-label={t('devicesTitle')}>
            {DEVICE_KINDS.map((kind) => (
              <div key={kind} className={deviceClass(kiosk.devices?.[kind] ?? 'unknown')}>
                <dt>{t(`devices.${kind}`)}</dt>
                <dd>{t(`deviceStates.${kiosk.devices?.[kind] ?? 'unknown'}`)}</dd>
              </div>
            ))}
          </dl>
          <p className="kiosk-checked">{t('checkedAt', { time: clockTime(kiosk.devices.checkedMsAgo, i18n.language) })}</p>
        </>
      ) : (
        <p className="kiosk-devices-unknown">{t('devicesUnknown')}</p>
      )}
    </li>
  );
}

function deviceClass(state: DeviceState): string {
  return state === 'ok' ? 'device-ok' : 'device-problem';
}

/** Every kiosk of the site, as the server last pushed it. */
export function KioskList({ kiosks }: { kiosks: readonly SiteKiosk[] }) {
  const { t } = useTranslation('staffKiosks');
  return (
    <section className="staff-section" data-testid="kiosk-list" aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">{t('title')}</h2>
      {kiosks.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="kiosk-grid">
          {kiosks.map((kiosk) => (
            <KioskCard key={kiosk.kioskId} kiosk={kiosk} />
          ))}
        </ul>
      )}
    </section>
  );
}
