import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInForm } from '../../../shared/ui/SignInForm.js';
import { CONSOLE_ROLES, type ConsoleRole, type SignInProblem } from '../../machines/agentMachine.js';

export interface LoginScreenProps {
  problem: SignInProblem | null;
  busy: boolean;
  onSignIn(username: string, password: string, role: ConsoleRole): void;
}

export function LoginScreen({ problem, busy, onSignIn }: LoginScreenProps) {
  const { t } = useTranslation('login');
  const [role, setRole] = useState<ConsoleRole>('agent');
  return (
    <section className="panel login" aria-labelledby="login-title">
      <h1 id="login-title">{t('title')}</h1>
      <p>{t('subtitle')}</p>
      <SignInForm
        idPrefix="login"
        labels={{ username: t('username'), password: t('password'), submit: t('submit'), signingIn: t('signingIn') }}
        problem={problem ? t(`errors.${problem}`) : null}
        busy={busy}
        onSignIn={(username, password) => onSignIn(username, password, role)}
      >
        <fieldset className="login-role">
          <legend>{t('role.legend')}</legend>
          {CONSOLE_ROLES.map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="login-role"
                data-testid={`login-role-${option}`}
                value={option}
                checked={role === option}
                onChange={() => setRole(option)}
              />
              {t(`role.${option}`)}
            </label>
          ))}
        </fieldset>
      </SignInForm>
    </section>
  );
}
