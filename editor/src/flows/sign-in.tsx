import { useState, type FormEvent, type ReactNode } from 'react';
import { flowStoreApi } from './api';
import { useT } from './i18n';
import { LangSwitch } from './lang-switch';

/**
 * Shown when the API answers 401: the owner signs in (httpOnly session cookie) and carries on. The
 * staff console (src/console) shows the same form under its own title.
 */
export function SignIn({
  onSignedIn,
  title,
  footer,
}: {
  onSignedIn(): void;
  title?: string;
  /** Below the button: the console's way to a new workspace. */
  footer?: ReactNode;
}) {
  const { t } = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState('busy');
    try {
      await flowStoreApi.signIn(email, password);
      onSignedIn();
    } catch {
      setState('failed');
    }
  };
  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{title ?? t('signInTitle')}</h1>
        <label>
          {t('email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {state === 'failed' && (
          <p className="error" role="alert">
            {t('signInFailed')}
          </p>
        )}
        <button type="submit" className="primary" disabled={state === 'busy'}>
          {t('signIn')}
        </button>
        {footer}
        <LangSwitch />
      </form>
    </main>
  );
}
