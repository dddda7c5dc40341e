import { useState, type FormEvent } from 'react';
import type { AgentProfileWire, User } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import './staff-settings.css';
import { staffApi, type StaffApi } from './staff-api';

const useWords = makeUseWords({
  title: { en: 'Agents', zh: '客服' },
  intro: {
    en: 'Skills-match routing offers a chat only to agents with its skills; nobody holds more chats than their maximum.',
    zh: '按技能分配时，只有具备所需技能的客服会收到会话；每人同时处理的会话不超过上限。',
  },
  agent: { en: 'Agent', zh: '客服' },
  presence: { en: 'Presence', zh: '状态' },
  online: { en: 'Online', zh: '在线' },
  away: { en: 'Away', zh: '离开' },
  offline: { en: 'Offline', zh: '离线' },
  load: { en: 'Chats now', zh: '当前会话' },
  skills: { en: 'Skills (comma separated)', zh: '技能（逗号分隔）' },
  max: { en: 'Max concurrent chats', zh: '最多同时会话' },
  save: { en: 'Save', zh: '保存' },
  saved: { en: 'Saved.', zh: '已保存。' },
  noAgents: { en: 'No agents yet: invite people with the agent role.', zh: '还没有客服：请邀请具有客服角色的成员。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'Not saved:', zh: '未保存：' },
});

/** Settings: each agent's presence and load (read), skills and capacity (owners set them). */
export function AgentSettings({ api = staffApi }: { api?: StaffApi }) {
  const { t } = useWords();
  const words = { loading: t('loading'), failed: t('failed'), retry: t('retry') };
  const loaded = useLoad(async () => {
    const [users, profiles] = await Promise.all([api.users(), api.agents()]);
    return { users: users.filter((u) => !u.disabled && (u.roles.includes('agent') || u.roles.includes('owner'))), profiles };
  }, 'agents');
  return (
    <section className="settings-page" aria-labelledby="agent-settings-title">
      <h1 id="agent-settings-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <LoadState loaded={loaded} words={words}>
        {({ users, profiles }) =>
          users.length === 0 ? (
            <p className="muted">{t('noAgents')}</p>
          ) : (
            <table className="agent-table">
              <thead>
                <tr>
                  <th scope="col">{t('agent')}</th>
                  <th scope="col">{t('presence')}</th>
                  <th scope="col">{t('load')}</th>
                  <th scope="col">{t('skills')}</th>
                  <th scope="col">{t('max')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <AgentRow key={u.id} user={u} profile={profiles.find((p) => p.userId === u.id)} api={api} />
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </section>
  );
}

function AgentRow({ user, profile, api }: { user: User; profile?: AgentProfileWire; api: StaffApi }) {
  const { t } = useWords();
  const [skills, setSkills] = useState((profile?.skills ?? []).join(', '));
  const [max, setMax] = useState(String(profile?.maxConcurrent ?? 3));
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'error'; text: string } | null>(null);
  const presence = profile?.presence ?? 'offline';
  const formId = `agent-${user.id}`;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const list = [...new Set(skills.split(/[,，]/).map((s) => s.trim()).filter(Boolean))];
    try {
      const saved = await api.setAgent(user.id, { skills: list, maxConcurrent: Number(max) });
      setSkills(saved.skills.join(', '));
      setMax(String(saved.maxConcurrent));
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };

  return (
    <tr>
      <th scope="row">
        {user.name} <span className="muted small">{user.email}</span>
      </th>
      <td>
        <span className={`presence presence-${presence}`}>{t(presence)}</span>
      </td>
      <td>{profile?.load ?? 0}</td>
      <td>
        <input
          form={formId}
          aria-label={`${t('skills')}: ${user.name}`}
          value={skills}
          onChange={(e) => setSkills(e.target.value)}
        />
      </td>
      <td>
        <input
          form={formId}
          type="number"
          min={0}
          max={100}
          required
          aria-label={`${t('max')}: ${user.name}`}
          value={max}
          onChange={(e) => setMax(e.target.value)}
        />
      </td>
      <td>
        <form id={formId} onSubmit={(e) => void save(e)}>
          <button type="submit" aria-label={`${t('save')}: ${user.name}`}>
            {t('save')}
          </button>
          {status?.kind === 'saved' && <span role="status"> {t('saved')}</span>}
          {status?.kind === 'error' && (
            <span role="alert" className="error">
              {' '}
              {t('actionFailed')} {status.text}
            </span>
          )}
        </form>
      </td>
    </tr>
  );
}
