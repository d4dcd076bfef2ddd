import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend, VisitEnding } from '../../machines/kioskMachine.js';

const MESSAGES = {
  'call-ended': ['callEndedTitle', 'callEndedBody'],
  informed: ['informedTitle', 'informedBody'],
  'left-queue': ['leftQueueTitle', 'leftQueueBody'],
  'connection-lost': ['connectionLostTitle', 'connectionLostBody'],
  'technical-failure': ['technicalFailureTitle', 'technicalFailureBody'],
  'media-unavailable': ['mediaUnavailableTitle', 'mediaUnavailableBody'],
  'service-unavailable': ['serviceUnavailableTitle', 'serviceUnavailableBody'],
} as const satisfies Record<VisitEnding, readonly [string, string]>;

export function ThanksScreen({ ending, send }: { ending: VisitEnding | null; send: KioskSend }) {
  const { t } = useTranslation('thanks');
  const [title, body] = MESSAGES[ending ?? 'call-ended'];
  return (
    <Screen
      testId="screen-thanks"
      title={t(title)}
      actions={
        <Button testId="done" variant="primary" onClick={() => send({ type: 'user.done' })}>
          {t('done')}
        </Button>
      }
    >
      <p className="lead">{t(body)}</p>
      <p className="note">{t('privacy')}</p>
      <p className="note">{t('returning')}</p>
    </Screen>
  );
}
