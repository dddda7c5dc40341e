import { useState } from 'react';
import type { User } from '@kefu/schemas/api';
import { ApiError, apiCall } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import './staff-settings.css';

const useWords = makeUseWords({
  title: { en: 'Personal data', zh: '个人信息' },
  intro: {
    en: 'Phone numbers, emails, ID-card and bank-card numbers of customers are masked for everyone except owners and the people you allow here. Every change is written to the audit log.',
    zh: '客户的手机号、邮箱、身份证号和银行卡号对所有人脱敏显示，店主和这里允许的成员除外。每次更改都会记入审计日志。',
  },
  member: { en: 'Member', zh: '成员' },
  allowed: { en: 'May view personal data', zh: '可查看个人信息' },
  owner: { en: 'Owner: always', zh: '店主：始终可以' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'Not saved:', zh: '未保存：' },
});

export interface PersonalDataApi {
  users(): Promise<User[]>;
  /** Grants or revokes "view personal data" (PATCH /users/:id); owners always have it. */
  setViewPersonalData(userId: string, allowed: boolean): Promise<User>;
}

export const personalDataApi: PersonalDataApi = {
  users: async () => (await apiCall<{ items: User[] }>('GET', '/users?limit=100')).items,
  setViewPersonalData: (userId, allowed) =>
    apiCall('PATCH', `/users/${encodeURIComponent(userId)}`, { viewPersonalData: allowed }),
};

/** Settings: who besides the owners sees customers' personal data in clear (docs/privacy.md). */
export function PersonalDataSettings({ api = personalDataApi }: { api?: PersonalDataApi }) {
  const { t } = useWords();
  const words = { loading: t('loading'), failed: t('failed'), retry: t('retry') };
  const loaded = useLoad(async () => (await api.users()).filter((u) => !u.disabled), 'personal-data');
  return (
    <section className="settings-page" aria-labelledby="personal-data-title">
      <h1 id="personal-data-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <LoadState loaded={loaded} words={words}>
        {(users) => (
          <table className="agent-table">
            <thead>
              <tr>
                <th scope="col">{t('member')}</th>
                <th scope="col">{t('allowed')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <PersonalDataRow key={u.id} user={u} api={api} />
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
    </section>
  );
}

function PersonalDataRow({ user, api }: { user: User; api: PersonalDataApi }) {
  const { t } = useWords();
  const [allowed, setAllowed] = useState(user.viewPersonalData);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const owner = user.roles.includes('owner');

  const change = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setAllowed((await api.setViewPersonalData(user.id, next)).viewPersonalData);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <th scope="row">
        {user.name} <span className="muted small">{user.email}</span>
      </th>
      <td>
        {owner ? (
          <span className="muted">{t('owner')}</span>
        ) : (
          <label>
            <input
              type="checkbox"
              aria-label={`${t('allowed')}: ${user.name}`}
              checked={allowed}
              disabled={busy}
              onChange={(e) => void change(e.target.checked)}
            />{' '}
            {t('allowed')}
          </label>
        )}
        {error && (
          <span role="alert" className="error">
            {' '}
            {t('actionFailed')} {error}
          </span>
        )}
      </td>
    </tr>
  );
}
