import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ScreenProps {
  testId: string;
  title: ReactNode;
  children?: ReactNode;
  /** The screen's own controls, placed low on the screen where a seated or standing person reaches them. */
  actions?: ReactNode;
  className?: string;
}

/**
 * One screen of a flow. Focus moves to its heading when it appears, so a screen-reader
 * user hears the new screen instead of silence after a tap.
 */
export function Screen({ testId, title, children, actions, className }: ScreenProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className={['screen', className].filter(Boolean).join(' ')} data-testid={testId} aria-labelledby={headingId}>
      <div className="screen-body">
        <h1 id={headingId} ref={headingRef} tabIndex={-1} className="screen-title">
          {title}
        </h1>
        {children}
      </div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </section>
  );
}
