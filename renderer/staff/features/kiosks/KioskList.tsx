import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import type { DeviceState, SiteKiosk } from '../../../../protocol/index.js';
import { formatDuration } from '../../../shared/ui/formatDuration.js';
import './kiosks.css';

const DEVICE_KINDS = ['camera', 'microphone', 'speaker'] as const;

/** "14:05" in the console's language: when something the server reports happened. */
function clockTime(msAgo: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(Date.now() - msAgo));
}

/**
 * Starting a kiosk over ends a visitor's visit: the first tap asks, the second does it. Only a
 * connected kiosk has anything to reset.
 */
function ResetKiosk({ kioskId, onReset }: { kioskId: string; onReset(kioskId: string): void }) {
  const { t } = useTranslation('staffKiosks');
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button testId={`kiosk-reset-${kioskId}`} onClick={() => setConfirming(true)}>
        {t('reset')}
      </Button>
    );
  }
  return (
    <div className="kiosk-reset-confirm" role="group" aria-label={t('reset')}>
      <Button
        testId={`kiosk-reset-confirm-${kioskId}`}
        variant="danger"
        onClick={() => {
          setConfirming(false);
          onReset(kioskId);
        }}
      >
        {t('resetConfirm')}
      </Button>
      <Button testId={`kiosk-reset-cancel-${kioskId}`} onClick={() => setConfirming(false)}>
        {t('resetCancel')}
      </Button>
    </div>
  );
}

function KioskCard({ kiosk, onReset }: { kiosk: SiteKiosk; onReset(kioskId: string): void }) {
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
      {kiosk.connection === 'online' ? <ResetKiosk kioskId={kiosk.kioskId} onReset={onReset} /> : null}
    </li>
  );
}

function deviceClass(state: DeviceState): string {
  return state === 'ok' ? 'device-ok' : 'device-problem';
}

/** Every kiosk of the site, as the server last pushed it. */
export function KioskList({ kiosks, onReset }: { kiosks: readonly SiteKiosk[]; onReset(kioskId: string): void }) {
  const { t } = useTranslation('staffKiosks');
  return (
    <section className="staff-section" data-testid="kiosk-list" aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">{t('title')}</h2>
      {kiosks.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="kiosk-grid">
          {kiosks.map((kiosk) => (
            <KioskCard key={kiosk.kioskId} kiosk={kiosk} onReset={onReset} />
          ))}
        </ul>
      )}
    </section>
  );
}
