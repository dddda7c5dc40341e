import { CONVERSATION_STATES } from '@kefu/schemas/api';
import type { TransferTarget } from './inbox-api';
import { NO_FILTER, type ConversationFilter } from './all-conversations-api';
import { useAllConversationsWords } from './all-conversations-words';

const CHANNELS = ['web', 'email', 'api'] as const;

/** The all-conversations filters: state, channel, team, the contact's tag, days of last activity. */
export function ConversationFilters({
  filter,
  teams,
  onChange,
}: {
  filter: ConversationFilter;
  teams: TransferTarget[];
  onChange(filter: ConversationFilter): void;
}) {
  const { t } = useAllConversationsWords();
  const set = <K extends keyof ConversationFilter>(key: K, value: ConversationFilter[K]) =>
    onChange({ ...filter, [key]: value });
  return (
    <form
      className="ticket-filters all-filters"
      aria-label={t('filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        {t('state')}
        <select
          value={filter.state}
          onChange={(e) => set('state', e.target.value as ConversationFilter['state'])}
        >
          <option value="">{t('any')}</option>
          {CONVERSATION_STATES.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('channel')}
        <select
          value={filter.channel}
          onChange={(e) => set('channel', e.target.value as ConversationFilter['channel'])}
        >
          <option value="">{t('any')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('team')}
        <select value={filter.teamId} onChange={(e) => set('teamId', e.target.value)}>
          <option value="">{t('any')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tag')}
        <input type="search" value={filter.tag} maxLength={32} onChange={(e) => set('tag', e.target.value)} />
      </label>
      <label>
        {t('from')}
        <input type="date" value={filter.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        {t('to')}
        <input type="date" value={filter.to} onChange={(e) => set('to', e.target.value)} />
      </label>
      <button type="button" onClick={() => onChange(NO_FILTER)}>
        {t('clear')}
      </button>
    </form>
  );
}
