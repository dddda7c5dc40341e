import { useState, type FormEvent } from 'react';
import type { InvitePreview } from '@kefu/schemas/api';
import { LangSwitch } from '../flows/lang-switch';
import { ApiError } from '../shared/http';
import { useRoleWords } from '../shared/role-words';
import { useLoad } from '../shared/use-load';
import { acceptInviteApi, type AcceptInviteApi } from './accept-invite-api';
import { useAcceptWords } from './words';

/** Where an invite link lands (`/accept-invite?token=…`, served by the API as the console's page). */
export function AcceptInvitePage({
  token,
  api = acceptInviteApi,
  onAccepted = () => location.assign('/#/inbox'),
}: {
  token: string | null;
  api?: AcceptInviteApi;
  onAccepted?(): void;
}) {
  const { t } = useAcceptWords();
  const preview = useLoad(
    () =>
      token ? api.preview(token) : Promise.reject(new ApiError(400, 'KEFU_ERR_INVITE_INVALID', 'no token')),
    token ?? '',
  );
  let body;
  if (preview.state === 'loading') body = <p role="status">{t('checking')}</p>;
  else if (preview.state === 'failed') body = <PreviewFailed error={preview.error} retry={preview.reload} />;
  else body = <AcceptForm token={token!} invite={preview.data} api={api} onAccepted={onAccepted} />;
  return (
    <main className="sign-in accept-invite">
      <div className="accept-card">
        {body}
        <LangSwitch />
      </div>
    </main>
  );
}

/** Why the link cannot be used, in words the invitee can act on; only a failed request offers a retry. */
function PreviewFailed({ error, retry }: { error: unknown; retry(): void }) {
  const { t } = useAcceptWords();
  const code = error instanceof ApiError ? error.code : null;
  const known =
    code === 'KEFU_ERR_INVITE_EXPIRED'
      ? (['expiredTitle', 'expired'] as const)
      : code === 'KEFU_ERR_INVITE_USED'
        ? (['usedTitle', 'used'] as const)
        : code === 'KEFU_ERR_INVITE_INVALID' || (error instanceof ApiError && error.status === 400)
          ? (['invalidTitle', 'invalid'] as const)
          : null;
  if (!known)
    return (
      <div role="alert">
        <p>{t('unreachable')}</p>
        <button onClick={retry}>{t('retry')}</button>
      </div>
    );
  return (
    <div role="alert">
      <h1>{t(known[0])}</h1>
      <p>{t(known[1])}</p>
      {code === 'KEFU_ERR_INVITE_USED' && <a href="/">{t('signIn')}</a>}
    </div>
  );
}

function AcceptForm({
  token,
  invite,
  api,
  onAccepted,
}: {
  token: string;
  invite: InvitePreview;
  api: AcceptInviteApi;
  onAccepted(): void;
}) {
  const { t } = useAcceptWords();
  const roles = useRoleWords();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field?: 'password'; text: string; signIn?: boolean } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 10) return setProblem({ field: 'password', text: t('passwordShort') });
    setProblem(null);
    setBusy(true);
    try {
      await api.accept(token, name.trim(), password);
      onAccepted();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) setProblem({ text: t('taken'), signIn: true });
      else if (err instanceof ApiError && err.code === 'KEFU_ERR_INVITE_INVALID')
        setProblem({ text: t('invalid') });
      else if (err instanceof ApiError && err.status < 500)
        setProblem({ text: `${t('failed')} ${err.message}` });
      else setProblem({ text: t('unreachable') });
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="accept-title" noValidate>
      <h1 id="accept-title">
        {t('title')} {invite.workspaceName}
      </h1>
      <p>
        {t('asRole')} <strong>{invite.roles.map((r) => roles.t(r)).join(', ')}</strong>
      </p>
      <label>
        {t('email')}
        <input type="email" value={invite.email} readOnly autoComplete="username" />
      </label>
      <label>
        {t('name')}
        <input
          value={name}
          required
          maxLength={100}
          autoComplete="name"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          type="password"
          value={password}
          required
          minLength={10}
          maxLength={200}
          autoComplete="new-password"
          aria-invalid={problem?.field === 'password' ? true : undefined}
          aria-describedby="accept-password-hint"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <span id="accept-password-hint" className="muted small">
        {t('passwordHint')}
      </span>
      {problem && (
        <p className="error" role="alert">
          {problem.text} {problem.signIn && <a href="/">{t('signIn')}</a>}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        {busy ? t('accepting') : t('accept')}
      </button>
      <p className="muted small">
        {t('haveAccount')} <a href="/">{t('signIn')}</a>
      </p>
    </form>
  );
}
