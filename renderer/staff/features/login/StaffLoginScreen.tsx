import { useTranslation } from 'react-i18next';
import { SignInForm } from '../../../shared/ui/SignInForm.js';
import type { StaffSignInProblem } from '../../machines/staffMachine.js';

export interface StaffLoginScreenProps {
  problem: StaffSignInProblem | null;
  busy: boolean;
  onSignIn(username: string, password: string): void;
}

/** The agent console's sign-in form, for staff: the same fields and the same way of dropping the password. */
export function StaffLoginScreen({ problem, busy, onSignIn }: StaffLoginScreenProps) {
  const { t } = useTranslation('staffLogin');
  return (
    <section className="staff-panel staff-login" aria-labelledby="staff-login-title">
      <h1 id="staff-login-title">{t('title')}</h1>
      <p>{t('subtitle')}</p>
      <SignInForm
        idPrefix="staff-login"
        labels={{ username: t('username'), password: t('password'), submit: t('submit'), signingIn: t('signingIn') }}
        problem={problem ? t(`errors.${problem}`) : null}
        busy={busy}
        onSignIn={onSignIn}
      />
    </section>
  );
}
