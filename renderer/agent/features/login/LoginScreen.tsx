import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/ui/Button.js';
import type { SignInProblem } from '../../machines/agentMachine.js';

export interface LoginScreenProps {
  problem: SignInProblem | null;
  busy: boolean;
  onSignIn(username: string, password: string): void;
}

export function LoginScreen({ problem, busy, onSignIn }: LoginScreenProps) {
  const { t } = useTranslation('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) return;
    onSignIn(username, password);
    // The password leaves the form at once; the machine drops it after the server answers.
    setPassword('');
  };
  return (
    <section className="panel login" aria-labelledby="login-title">
      <h1 id="login-title">{t('title')}</h1>
      <p>{t('subtitle')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="login-username">{t('username')}</label>
        <input
          id="login-username"
          data-testid="login-username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="login-password">{t('password')}</label>
        <input
          id="login-password"
          data-testid="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {problem ? (
          <p className="form-error" data-testid="login-error" role="alert">
            {t(`errors.${problem}`)}
          </p>
        ) : null}
        <Button testId="login-submit" type="submit" variant="primary" disabled={busy} aria-busy={busy}>
          {busy ? t('signingIn') : t('submit')}
        </Button>
      </form>
    </section>
  );
}
