import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { LangSwitch } from '../flows/lang-switch';
import { fieldError, formError } from '../shared/field-error';
import { ApiError } from '../shared/http';
import { signUpApi, type SignUpApi } from './sign-up-api';
import { useSignUpWords } from './words';

type Field = 'workspaceName' | 'name' | 'email' | 'password';
const FIELDS: readonly Field[] = ['workspaceName', 'name', 'email', 'password'];

/**
 * A new shop's first screen (`/#/signup`, linked from the console's sign-in): the workspace and its
 * owner in one form. On success the owner is signed in (the API sets the session cookie).
 */
export function SignUpPage({ api = signUpApi, onSignedUp }: { api?: SignUpApi; onSignedUp(): void }) {
  const { t } = useSignUpWords();
  const [values, setValues] = useState<Record<Field, string>>({
    workspaceName: '',
    name: '',
    email: '',
    password: '',
  });
  const [busy, setBusy] = useState(false);
  // Checked here before asking: the two mistakes people make, said in their words at the field.
  const [local, setLocal] = useState<{ field: Field; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
      return setLocal({ field: 'email', text: t('badEmail') });
    if (values.password.length < 10) return setLocal({ field: 'password', text: t('passwordShort') });
    setLocal(null);
    setBusy(true);
    try {
      await api.signUp({
        workspaceName: values.workspaceName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
      });
      onSignedUp();
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };

  const problemOf = (field: Field): ReactNode => {
    if (local?.field === field) return local.text;
    if (field === 'email' && error instanceof ApiError && error.status === 409) return null;
    return fieldError(error, field);
  };
  const input = (field: Field, props: InputHTMLAttributes<HTMLInputElement>, hint?: string) => {
    const problem = problemOf(field);
    const describedBy = [hint ? `signup-${field}-hint` : '', problem ? `signup-${field}-problem` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <>
        <label>
          {t(field)}
          <input
            {...props}
            value={values[field]}
            required
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy || undefined}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
          />
        </label>
        {hint && (
          <span id={`signup-${field}-hint`} className="muted small">
            {hint}
          </span>
        )}
        {problem && (
          <span id={`signup-${field}-problem`} className="error small" role="alert">
            {problem}
          </span>
        )}
      </>
    );
  };

  return (
    <main className="sign-in accept-invite">
      <div className="accept-card">
        <form onSubmit={(e) => void submit(e)} aria-labelledby="signup-title" noValidate>
          <h1 id="signup-title">{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
          {input('workspaceName', { maxLength: 100, autoComplete: 'organization' })}
          {input('name', { maxLength: 100, autoComplete: 'name' })}
          {input('email', { type: 'email', maxLength: 254, autoComplete: 'username' })}
          {input(
            'password',
            { type: 'password', minLength: 10, maxLength: 200, autoComplete: 'new-password' },
            t('passwordHint'),
          )}
          <FormProblem error={error} />
          <button
            type="submit"
            className="primary"
            disabled={busy || !values.workspaceName.trim() || !values.name.trim()}
          >
            {busy ? t('creating') : t('create')}
          </button>
          <p className="muted small">
            {t('haveAccount')} <a href="#/inbox">{t('signIn')}</a>
          </p>
        </form>
        <LangSwitch />
      </div>
    </main>
  );
}

/** What went wrong that is no one field's: a taken email (with the way to sign in), a limit, the network. */
function FormProblem({ error }: { error: unknown }) {
  const { t } = useSignUpWords();
  if (!error) return null;
  let text: ReactNode;
  if (error instanceof ApiError && error.status === 409)
    text = (
      <>
        {t('taken')} <a href="#/inbox">{t('signIn')}</a>
      </>
    );
  else if (error instanceof ApiError && error.status === 429) text = t('tooMany');
  else if (error instanceof ApiError && error.status < 500) {
    const general = formError(error, FIELDS);
    if (!general) return null;
    text = `${t('failed')} ${general}`;
  } else text = t('unreachable');
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
