import { useContext, useState } from 'react';
import { SessionContext } from '../console/session';
import { navigate } from '../console/router';
import { ApiError } from '../shared/http';
import type { ContactsApi } from './contacts-api';
import { useContactWords } from './words';

/**
 * A customer's rights, for owners: download everything about the contact as JSON, or delete the
 * contact everywhere after a confirmation (docs/privacy.md). Both are recorded in the audit log.
 */
export function ContactRights({ api, id }: { api: ContactsApi; id: string }) {
  const { t } = useContactWords();
  // Outside the signed-in console (a component test) nobody is an owner.
  const owner = useContext(SessionContext)?.user.roles.includes('owner') ?? false;
  const [step, setStep] = useState<
    { kind: 'idle' | 'confirming' | 'deleting' } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  if (!owner) return null;

  const erase = async () => {
    setStep({ kind: 'deleting' });
    try {
      await api.erase(id);
      navigate('contacts');
    } catch (err) {
      setStep({ kind: 'failed', message: err instanceof ApiError ? err.message : String(err) });
    }
  };

  return (
    <section className="contact-rights" aria-labelledby="contact-rights-title">
      <h3 id="contact-rights-title">{t('rightsTitle')}</h3>
      <p className="muted">{t('rightsHelp')}</p>
      <div className="contact-rights-actions">
        <a className="button" href={api.exportOneUrl(id)} download={`contact-${id}.json`}>
          {t('exportOne')}
        </a>
        {step.kind === 'idle' && (
          <button type="button" className="danger" onClick={() => setStep({ kind: 'confirming' })}>
            {t('eraseOne')}
          </button>
        )}
      </div>
      {step.kind !== 'idle' && (
        <div className="contact-erase-confirm" role="group" aria-label={t('eraseOne')}>
          <p>{t('eraseWarning')}</p>
          <button
            type="button"
            className="danger"
            disabled={step.kind === 'deleting'}
            onClick={() => void erase()}
          >
            {step.kind === 'deleting'
              ? t('erasing')
              : step.kind === 'failed'
                ? t('retry')
                : t('eraseConfirm')}
          </button>
          <button type="button" disabled={step.kind === 'deleting'} onClick={() => setStep({ kind: 'idle' })}>
            {t('cancel')}
          </button>
          {step.kind === 'failed' && (
            <p className="error" role="alert">
              {t('eraseFailed')} {step.message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
