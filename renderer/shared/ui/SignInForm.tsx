import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './Button.js';

export interface SignInFormProps {
  /** Prefix of element ids and test ids: `login` gives `login-username`, `login-password`, `login-submit`. */
  idPrefix: string;
  /** The visible words, from the app's own i18n namespace. */
  labels: { username: string; password: string; submit: string; signingIn: string };
  /** Why the last sign-in failed, in words; null when there is nothing to say. */
  problem: string | null;
  busy: boolean;
  onSignIn(username: string, password: string): void;
  /** Fields shown before the username (the agent console's role choice). */
  children?: ReactNode;
}

/**
 * Username and password for the browser consoles (agents, interpreters, site staff). The password
 * leaves the form as soon as it is sent; the app's machine drops it once the server answers.
 */
export function SignInForm({ idPrefix, labels, problem, busy, onSignIn, children }: SignInFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) return;
    onSignIn(username, password);
    setPassword('');
  };
  return (
    <form onSubmit={submit} noValidate>
      {children}
      <label htmlFor={`${idPrefix}-username`}>{labels.username}</label>
      <input
        id={`${idPrefix}-username`}
        data-testid={`${idPrefix}-username`}
        autoComplete="username"
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor={`${idPrefix}-password`}>{labels.password}</label>
      <input
        id={`${idPrefix}-password`}
        data-testid={`${idPrefix}-password`}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {problem ? (
        <p className="form-error" data-testid={`${idPrefix}-error`} role="alert">
          {problem}
        </p>
      ) : null}
      <Button testId={`${idPrefix}-submit`} type="submit" variant="primary" disabled={busy} aria-busy={busy}>
        {busy ? labels.signingIn : labels.submit}
      </Button>
    </form>
  );
}
