import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenContent, parse } from '../../../../protocol/index.js';
import { Button } from '../../../shared/ui/Button.js';

const KINDS = ['link', 'qr', 'instructions'] as const;
type Kind = (typeof KINDS)[number];

export interface PushPanelProps {
  onPush(content: ScreenContent): void;
}

/**
 * Shows a link, a QR code or one bilingual instruction on the kiosk. The form checks with the
 * protocol's own schema, so what the server would refuse is caught here, with a message.
 */
export function PushPanel({ onPush }: PushPanelProps) {
  const { t } = useTranslation('agentCall');
  const [kind, setKind] = useState<Kind>('link');
  const [url, setUrl] = useState('');
  const [label, setLabel] = useState('');
  const [stepEn, setStepEn] = useState('');
  const [stepFr, setStepFr] = useState('');
  const [feedback, setFeedback] = useState<'invalid' | 'shown' | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const draft =
      kind === 'instructions'
        ? { kind, steps: [{ en: stepEn, fr: stepFr }] }
        : kind === 'link'
          ? { kind, url: url.trim(), ...(label.trim() ? { label } : {}) }
          : { kind, url: url.trim() };
    const parsed = parse(ScreenContent, draft);
    if (!parsed.ok) {
      setFeedback('invalid');
      return;
    }
    onPush(parsed.value);
    setFeedback('shown');
  };
  return (
    <section className="push-panel" aria-labelledby="push-heading" data-testid="push-panel">
      <h2 id="push-heading">{t('push.heading')}</h2>
      <form onSubmit={submit} className="push-form">
        <label>
          {t('push.kind')}
          <select data-testid="push-kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`push.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'instructions' ? (
          <>
            <label>
              {t('push.stepEn')}
              <input data-testid="push-step-en" lang="en" value={stepEn} onChange={(event) => setStepEn(event.target.value)} />
            </label>
            <label>
              {t('push.stepFr')}
              <input data-testid="push-step-fr" lang="fr" value={stepFr} onChange={(event) => setStepFr(event.target.value)} />
            </label>
          </>
        ) : (
          <>
            <label>
              {t('push.url')}
              <input data-testid="push-url" type="url" inputMode="url" value={url} onChange={(event) => setUrl(event.target.value)} />
            </label>
            {kind === 'link' ? (
              <label>
                {t('push.label')}
                <input data-testid="push-label" value={label} onChange={(event) => setLabel(event.target.value)} />
              </label>
            ) : null}
          </>
        )}
        <Button type="submit" testId="push-submit">
          {t('push.submit')}
        </Button>
        <p role="status" className="note" data-testid="push-feedback">
          {feedback ? t(`push.${feedback}`) : ''}
        </p>
      </form>
    </section>
  );
}
