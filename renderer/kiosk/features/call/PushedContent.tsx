import { useTranslation } from 'react-i18next';
import type { ScreenContent } from '../../../../protocol/index.js';
import { Bilingual } from '../../../shared/ui/Bilingual.js';
import { Button } from '../../../shared/ui/Button.js';
import { QrCode } from '../../../shared/ui/QrCode.js';

export interface PushedContentProps {
  content: ScreenContent;
  onDismiss(): void;
}

/**
 * What the agent showed, large, with its labels in both languages (the agent may have pushed
 * it for a companion who reads the other one). A link is text only: the kiosk never browses,
 * so the visitor types it on their own phone.
 */
export function PushedContent({ content, onDismiss }: PushedContentProps) {
  const { t } = useTranslation('kioskCall');
  const both = (key: 'pushed.heading' | 'pushed.link' | 'pushed.phone' | 'pushed.instructions' | 'pushed.close') =>
    (lng: 'en' | 'fr') => t(key, { lng });
  return (
    <section className="pushed" aria-labelledby="pushed-heading" data-testid="pushed-content" data-kind={content.kind}>
      <h2 id="pushed-heading" className="pushed-heading">
        <Bilingual text={both('pushed.heading')} separator />
      </h2>
      {content.kind === 'instructions' ? (
        <>
          <h3 className="pushed-subheading">
            <Bilingual text={both('pushed.instructions')} separator />
          </h3>
          <ol className="pushed-steps">
            {content.steps.map((step, i) => (
              <li key={i} className="pushed-step">
                <span lang="en">{step.en}</span>
                <span lang="fr">{step.fr}</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <>
          {content.kind === 'link' && content.label ? <p className="pushed-label">{content.label}</p> : null}
          <p className="pushed-caption">
            <Bilingual text={both('pushed.link')} separator />
          </p>
          <p className="pushed-url" data-testid="pushed-url">
            {content.url}
          </p>
          <QrCode text={content.url} label={t('pushed.qr')} testId="pushed-qr" />
          <Bilingual as="p" text={both('pushed.phone')} />
        </>
      )}
      <Button testId="pushed-dismiss" onClick={onDismiss}>
        <Bilingual text={both('pushed.close')} separator />
      </Button>
    </section>
  );
}
