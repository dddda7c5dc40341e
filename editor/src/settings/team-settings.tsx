import { useState, type FormEvent } from 'react';
import type { TeamWire, User } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import './staff-settings.css';
import { staffApi, type StaffApi } from './staff-api';

const useWords = makeUseWords({
  title: { en: 'Teams', zh: '团队' },
  intro: {
    en: 'Flows route conversations to a team by its key; members are offered them in the order listed.',
    zh: '流程按团队标识把会话分配给团队；成员按列出的顺序接收。',
  },
  key: { en: 'Key (used by flows)', zh: '标识（流程使用）' },
  name: { en: 'Name', zh: '名称' },
  create: { en: 'Create team', zh: '创建团队' },
  noTeams: { en: 'No teams yet.', zh: '还没有团队。' },
  members: { en: 'Members', zh: '成员' },
  noMembers: { en: 'No members.', zh: '没有成员。' },
  addMember: { en: 'Add member', zh: '添加成员' },
  pickAgent: { en: 'Agent to add', zh: '要添加的客服' },
  choose: { en: 'Choose…', zh: '请选择…' },
  remove: { en: 'Remove', zh: '移除' },
  rename: { en: 'Rename', zh: '重命名' },
  newName: { en: 'New name of', zh: '新名称：' },
  delete: { en: 'Delete team', zh: '删除团队' },
  confirmDelete: {
    en: 'Delete this team? Flows that name it will find no agent.',
    zh: '删除该团队？引用它的流程将找不到客服。',
  },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'That did not work:', zh: '操作失败：' },
});

/** Settings: teams, their names and members (an agent picker over the workspace's users). */
export function TeamSettings({ api = staffApi }: { api?: StaffApi }) {
  const { t } = useWords();
  const words = { loading: t('loading'), failed: t('failed'), retry: t('retry') };
  const teams = useLoad(() => api.teams(), 'teams');
  const users = useLoad(() => api.users(), 'users');
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      teams.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api.createTeam(key.trim(), name.trim());
      setKey('');
      setName('');
    });
  };

  return (
    <section className="settings-page" aria-labelledby="team-settings-title">
      <h1 id="team-settings-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {error && (
        <p role="alert" className="error">
          {t('actionFailed')} {error}
        </p>
      )}
      <form className="settings-actions" onSubmit={create}>
        <input
          aria-label={t('key')}
          placeholder={t('key')}
          value={key}
          pattern="[a-z0-9][a-z0-9_\-]{0,63}"
          onChange={(e) => setKey(e.target.value)}
          required
        />
        <input aria-label={t('name')} placeholder={t('name')} value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit">{t('create')}</button>
      </form>
      <LoadState loaded={teams} words={words}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('noTeams')}</p>
          ) : (
            <ul aria-label={t('title')} className="team-list">
              {list.map((team) => (
                <TeamRow key={team.id} team={team} users={users.data ?? []} act={act} api={api} />
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}

function TeamRow({
  team,
  users,
  act,
  api,
}: {
  team: TeamWire;
  users: User[];
  act(action: () => Promise<unknown>): Promise<void>;
  api: StaffApi;
}) {
  const { t } = useWords();
  const [pick, setPick] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? id;
  const candidates = users.filter((u) => !u.disabled && !team.members.includes(u.id));

  return (
    <li aria-label={team.name}>
      {renaming === null ? (
        <h2>
          {team.name} <code className="muted small">{team.key}</code>{' '}
          <button type="button" onClick={() => setRenaming(team.name)}>
            {t('rename')}
          </button>
        </h2>
      ) : (
        <form
          className="settings-actions"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await api.updateTeam(team.id, { name: renaming.trim() });
              setRenaming(null);
            });
          }}
        >
          <input
            aria-label={`${t('newName')} ${team.name}`}
            value={renaming}
            onChange={(e) => setRenaming(e.target.value)}
            required
          />
          <button type="submit">{t('rename')}</button>
        </form>
      )}
      <h3>{t('members')}</h3>
      {team.members.length === 0 ? (
        <p className="muted">{t('noMembers')}</p>
      ) : (
        <ul aria-label={`${t('members')}: ${team.name}`}>
          {team.members.map((id) => (
            <li key={id}>
              {nameOf(id)}{' '}
              <button
                type="button"
                aria-label={`${t('remove')} ${nameOf(id)}`}
                onClick={() => void act(() => api.removeMember(team.id, id))}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="settings-actions">
        <select aria-label={`${t('pickAgent')}: ${team.name}`} value={pick} onChange={(e) => setPick(e.target.value)}>
          <option value="">{t('choose')}</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!pick}
          onClick={() => {
            void act(() => api.addMember(team.id, pick));
            setPick('');
          }}
        >
          {t('addMember')}
        </button>
        <button
          type="button"
          onClick={() => {
            if (window.confirm(t('confirmDelete'))) void act(() => api.deleteTeam(team.id));
          }}
        >
          {t('delete')}
        </button>
      </div>
    </li>
  );
}
