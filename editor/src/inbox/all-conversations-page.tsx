import type { AllConversation } from '@kefu/schemas/api';
import { useCallback, useState } from 'react';
import { hrefOf } from '../console/router';
import { PagedList } from '../shared/paged-list';
import { useLoad } from '../shared/use-load';
import { usePaged } from '../shared/use-paged';
import {
  createHttpAllConversationsApi,
  NO_FILTER,
  type AllConversationsApi,
  type ConversationFilter,
} from './all-conversations-api';
import { useAllConversationsWords } from './all-conversations-words';
import { ConversationFilters } from './conversation-filters';
import { TranscriptPanel } from './transcript-panel';

const httpApi = createHttpAllConversationsApi();

/**
 * Every conversation of the shop for owners (`#/conversations`): the bot's, the waiting, the
 * agents' and the closed ones, filtered and paged; the chosen one's transcript and flow runs on
 * the right. Agents keep their queues in the inbox.
 */
export function AllConversationsPage({
  selectedId,
  api = httpApi,
}: {
  selectedId?: string;
  api?: AllConversationsApi;
}) {
  const { t } = useAllConversationsWords();
  const [filter, setFilter] = useState<ConversationFilter>(NO_FILTER);
  const teams = useLoad(() => api.teams().catch(() => []), 'teams');
  const load = useCallback((cursor?: string) => api.list(filter, cursor), [api, filter]);
  const paged = usePaged(load, JSON.stringify(filter), 25);
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);
  const known = paged.items.find((c) => c.id === selectedId);

  return (
    <div className="inbox all-conversations">
      <nav className="queues" aria-label={t('title')}>
        <h1 className="all-title">{t('title')}</h1>
        <ConversationFilters filter={filter} teams={teams.data ?? []} onChange={setFilter} />
        <PagedList
          paged={paged}
          words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}
          empty={<p className="muted small all-empty">{filtered ? t('none') : t('noneYet')}</p>}
          label={t('list')}
        >
          {(items) => (
            <ul className="all-list" aria-label={t('list')}>
              {items.map((c) => (
                <Row key={c.id} item={c} selected={c.id === selectedId} />
              ))}
            </ul>
          )}
        </PagedList>
      </nav>
      {selectedId ? (
        <TranscriptPanel key={selectedId} api={api} id={selectedId} known={known} />
      ) : (
        <p className="inbox-empty muted">{t('pick')}</p>
      )}
    </div>
  );
}

function Row({ item, selected }: { item: AllConversation; selected: boolean }) {
  const { t, lang } = useAllConversationsWords();
  const at = item.lastMessageAt ?? item.createdAt;
  const when = new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <li>
      <a
        href={hrefOf('conversations', item.id)}
        aria-current={selected ? 'true' : undefined}
        className="queue-item"
      >
        <span className="queue-item-top">
          <span className="queue-name">{item.contact.name || item.contact.email || t('visitor')}</span>
          <span className={`state-chip state-${item.state}`}>{t(item.state)}</span>
          <time dateTime={at}>{when}</time>
        </span>
        <span className="queue-item-bottom">
          <span className="channel-chip">{t(item.channel)}</span>
          <span className="queue-preview">{item.lastMessage?.text ?? ''}</span>
        </span>
      </a>
    </li>
  );
}
