import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  testId?: string;
}

/** A real <button>: keyboard, screen reader and touch work without extra code. Sizes come from the app's CSS. */
export function Button({ variant = 'secondary', testId, className, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={['btn', `btn-${variant}`, className].filter(Boolean).join(' ')}
      data-testid={testId}
      {...rest}
    />
  );
}
