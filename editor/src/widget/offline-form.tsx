import { useState, type FormEvent } from 'react';
import type { ChatState, OfflineFormInput } from './chat-client';
import type { Translate } from './words';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Email + message for when nobody can answer now (the flow's message asked for it); the server
 * opens a ticket from it. Shows what happened to it once sent.
 */
export function OfflineForm({
  t,
  status,
  onSubmit,
}: {
  t: Translate;
  status: ChatState['offlineForm'];
  onSubmit: (form: OfflineFormInput) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState(false);
  if (status?.status === 'sent')
    return (
      <p className="offline-form-sent" role="status">
        {t('formSent', { email: status.email })}
      </p>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setProblem(true);
      return;
    }
    setProblem(false);
    const trimmed = name.trim();
    onSubmit({ email: email.trim(), message: message.trim(), ...(trimmed ? { name: trimmed } : {}) });
  };
  const sending = status?.status === 'sending';
  return (
    // noValidate: our own message names the problem, in the chat's language.
    <form className="offline-form" onSubmit={submit} aria-label={t('formTitle')} noValidate>
      <strong>{t('formTitle')}</strong>
      <span className="offline-form-intro">{t('formIntro')}</span>
      <label>
        {t('name')}
        <input value={name} maxLength={100} autoComplete="name" onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('email')}
        <input
          type="email"
          required
          value={email}
          maxLength={254}
          autoComplete="email"
          aria-invalid={problem}
          aria-describedby={problem ? 'offline-form-email-problem' : undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      {problem && (
        <span id="offline-form-email-problem" className="offline-form-problem" role="alert">
          {t('badEmail')}
        </span>
      )}
      <label>
        {t('formMessage')}
        <textarea
          required
          rows={3}
          maxLength={4000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </label>
      <button type="submit" disabled={sending || !message.trim() || !email.trim()}>
        {sending ? t('formSending') : t('formSend')}
      </button>
    </form>
  );
}
