import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import { Screen } from '../../../shared/ui/Screen.js';
import type { KioskSend } from '../../machines/kioskMachine.js';

/**
 * The call before its media first connects: what is happening, and the way out.
 *
 * The call screen (the agent's video, the self-view, chat and tools) waits for the connection.
 * Laying it out and starting the self-view took the kiosk's CPU in the 100 ms in which the kiosk
 * handles the agent's answer and decodes the first picture; on a small machine that delayed the
 * agent's first picture by about a third (docs/performance.md, "Call setup: the visitor's screen
 * waits for the connection"). Once connected the call screen stays, through any later recovery.
 */
export function KioskCallConnecting({ send }: { send: KioskSend }) {
  const { t } = useTranslation(['kioskCall', 'call']);
  return (
    <Screen
      testId="screen-call-connecting"
      title={t('kioskCall:connectingTitle')}
      actions={
        <Button testId="end-call" variant="danger" onClick={() => send({ type: 'user.endCall' })}>
          {t('call:endCall')}
        </Button>
      }
    >
      <p className="lead" role="status">
        {t('kioskCall:connectingLead')}
      </p>
    </Screen>
  );
}
