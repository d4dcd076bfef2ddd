import { useTranslation } from 'react-i18next';
import { SERVICE_LINES } from '../../../../protocol/index.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

export function ServiceScreen({ send }: { send: KioskSend }) {
  const { t } = useTranslation(['service', 'services']);
  return (
    <Screen testId="screen-service" title={t('service:title')}>
      <p className="lead">{t('service:subtitle')}</p>
      <ul className="service-grid">
        {SERVICE_LINES.map((serviceLine) => (
          <li key={serviceLine}>
            <button
              type="button"
              className="btn btn-secondary service-tile"
              data-testid={`service-${serviceLine}`}
              onClick={() => send({ type: 'user.chooseService', serviceLine })}
            >
              <span className="service-name">{t(`services:${serviceLine}.name`)}</span>
              <span className="service-hint">{t(`services:${serviceLine}.hint`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
