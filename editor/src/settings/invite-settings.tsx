import { useState, type FormEvent } from 'react';
import { ROLES, type Invite, type Role } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useRoleWords } from '../shared/role-words';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import { invitesApi, type InvitesApi } from './invites-api';
import './staff-settings.css';

const useWords = makeUseWords({
  title: { en: 'Invite teammates', zh: '邀请同事' },
  intro: {
    en: 'Invite by email with a role. Until email sending is set up, copy the link and send it yourself; it works once, for 7 days.',
    zh: '通过邮箱邀请并指定角色。在设置邮件发送之前，请复制链接自行发送；链接 7 天内有效，只能使用一次。',
  },
  email: { en: 'Email', zh: '邮箱' },
  role: { en: 'Role', zh: '角色' },
  send: { en: 'Invite', zh: '邀请' },
  sending: { en: 'Inviting…', zh: '正在邀请…' },
  badEmail: { en: 'This is not an email address.', zh: '这不是有效的邮箱地址。' },
  alreadyMember: { en: 'Someone with this email already has an account.', zh: '该邮箱已有账号。' },
  alreadyInvited: {
    en: 'This email is already invited: use "Send again" in the list below.',
    zh: '该邮箱已被邀请：请在下方列表中使用“重新发送”。',
  },
  linkFor: { en: 'Send this link to', zh: '请把此链接发送给' },
  copy: { en: 'Copy link', zh: '复制链接' },
  copied: { en: 'Copied', zh: '已复制' },
  pending: { en: 'Invites', zh: '邀请' },
  noInvites: { en: 'No invites waiting.', zh: '没有待接受的邀请。' },
  status: { en: 'Status', zh: '状态' },
  sentAt: { en: 'Sent', zh: '发送时间' },
  expiresAt: { en: 'Expires', zh: '过期时间' },
  statusPending: { en: 'Waiting', zh: '等待接受' },
  statusExpired: { en: 'Expired', zh: '已过期' },
  resend: { en: 'Send again', zh: '重新发送' },
  revoke: { en: 'Revoke', zh: '撤销' },
  confirmRevoke: { en: 'Revoke this invite? Its link stops working.', zh: '撤销该邀请？其链接将失效。' },
  loading: { en: 'Loading invites…', zh: '正在加载邀请…' },
  failed: { en: 'Could not load the invites.', zh: '无法加载邀请。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'That did not work:', zh: '操作失败：' },
});

type FieldError = 'badEmail' | 'alreadyMember' | 'alreadyInvited';
/** A deliberately loose check: the API has the last word, this only catches a typo before sending. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Settings: invite people by email with a role, and the invites not yet accepted (send again, revoke). */
export function InviteSettings({ api = invitesApi }: { api?: InvitesApi }) {
  const { t, lang } = useWords();
  const roleWords = useRoleWords();
  const invites = useLoad(() => api.list(), 'invites');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const waiting = (invites.data ?? []).filter((i) => i.status !== 'accepted');

  const send = async (to: string, roles: Role[]) => {
    setError(null);
    setBusy(true);
    try {
      const { link } = await api.invite(to, roles);
      setSent({ email: to, link });
      invites.reload();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.field === 'body/email')
        setFieldError(err.status === 409 ? 'alreadyMember' : 'badEmail');
      else setError(err instanceof ApiError ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const to = email.trim().toLowerCase();
    if (!LOOKS_LIKE_EMAIL.test(to)) return setFieldError('badEmail');
    // Inviting again replaces the link already sent: that is "Send again", not a second invite.
    if (waiting.some((i) => i.email === to && i.status === 'pending')) return setFieldError('alreadyInvited');
    setFieldError(null);
    void send(to, [role]).then((ok) => ok && setEmail(''));
  };

  const revoke = async (invite: Invite) => {
    if (!window.confirm(t('confirmRevoke'))) return;
    setError(null);
    try {
      await api.revoke(invite.id);
      if (sent?.email === invite.email) setSent(null);
      invites.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <section className="settings-page" aria-labelledby="invite-settings-title">
      <h1 id="invite-settings-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="settings-actions invite-form" onSubmit={submit} noValidate>
        <label>
          {t('email')}
          <input
            type="email"
            value={email}
            maxLength={254}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'invite-email-error' : undefined}
            onChange={(e) => {
              setEmail(e.target.value);
              setFieldError(null);
            }}
          />
        </label>
        <label>
          {t('role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleWords.t(r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('sending') : t('send')}
        </button>
        {fieldError && (
          <p id="invite-email-error" role="alert" className="error field-error">
            {t(fieldError)}
          </p>
        )}
      </form>
      {error && (
        <p role="alert" className="error">
          {t('actionFailed')} {error}
        </p>
      )}
      {sent && <SentLink sent={sent} />}
      <h2>{t('pending')}</h2>
      <LoadState loaded={invites} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {() =>
          waiting.length === 0 ? (
            <p className="muted">{t('noInvites')}</p>
          ) : (
            <table className="agent-table" aria-label={t('pending')}>
              <thead>
                <tr>
                  <th scope="col">{t('email')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('sentAt')}</th>
                  <th scope="col">{t('expiresAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {waiting.map((invite) => (
                  <tr key={invite.id} aria-label={invite.email}>
                    <td>{invite.email}</td>
                    <td>{invite.roles.map((r) => roleWords.t(r)).join(', ')}</td>
                    <td className="row-actions">
                      {invite.status === 'expired' ? t('statusExpired') : t('statusPending')}
                    </td>
                    <td>{when(invite.createdAt)}</td>
                    <td>{when(invite.expiresAt)}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`${t('resend')} ${invite.email}`}
                        onClick={() => void send(invite.email, [...invite.roles])}
                      >
                        {t('resend')}
                      </button>
                      <button
                        type="button"
                        aria-label={`${t('revoke')} ${invite.email}`}
                        onClick={() => void revoke(invite)}
                      >
                        {t('revoke')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </section>
  );
}

/** The link just made, to copy: no mail channel sends it yet. */
function SentLink({ sent }: { sent: { email: string; link: string } }) {
  const { t } = useWords();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(sent.link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="invite-link" role="status">
      <label>
        {t('linkFor')} {sent.email}
        <input readOnly value={sent.link} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={copy}>
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
