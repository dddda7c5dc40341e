import { useEffect, useMemo, useState } from 'react';
import { useMe } from '../console/session';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { Composer } from './composer';
import { useConversationCache } from './conversation-cache';
import { ContactPanel } from './contact-panel';
import type { InboxApi, InboxItem, TransferTarget } from './inbox-api';
import { MessageThread } from './message-thread';
import { TransferDialog } from './transfer-dialog';
import { useTypingSignal } from './use-typing-signal';
import { useInboxWords } from './words';

/**
 * One conversation: its header with the actions open to me, the thread, the composer and the
 * contact panel. `version` moves when the socket says something changed, which reloads it.
 */
export function ConversationView({
  api,
  id,
  version,
  onChanged,
}: {
  api: InboxApi;
  id: string;
  version: number;
  onChanged(): void;
}) {
  const { t } = useInboxWords();
  const me = useMe();
  const known = useConversationCache((s) => s.items[id]);
  const typing = useConversationCache((s) => s.typing[id] ?? false);
  const fetched = useLoad(() => api.conversation(id), id);
  // The inbox's own view of it (queues, actions, events) knows more than the bare summary, but a
  // rating given after it left my lists only comes with a fresh fetch.
  const conversation = known
    ? { ...fetched, state: 'ready' as const, data: withRating(known, fetched.data) }
    : fetched;
  const messages = useLoad(() => api.messages(id), id);
  const { reload: reloadConversation } = fetched;
  // An offer's placeholder entry has no contact yet; the fetched summary does.
  const contactId = conversation.data?.contactId || fetched.data?.contactId;
  const { reload: reloadMessages } = messages;
  useEffect(() => {
    if (version === 0) return;
    reloadConversation();
    reloadMessages();
  }, [version, reloadConversation, reloadMessages]);
  // Reading clears the unread count: the queues reload to show it.
  useEffect(() => {
    void api.markRead(id).then(onChanged);
  }, [api, id, version, onChanged]);
  const words = { loading: t('loading'), failed: t('loadFailed'), retry: t('retry') };

  return (
    <div className="conversation-layout">
      <section className="conversation" aria-label={t('conversation')}>
        <LoadState loaded={conversation} words={words}>
          {(c) => (
            <ConversationHeader
              api={api}
              item={c}
              onChanged={() => {
                reloadConversation();
                reloadMessages();
                onChanged();
              }}
            />
          )}
        </LoadState>
        <div className="thread-scroll">
          <LoadState loaded={messages} words={words}>
            {(list) => <MessageThread messages={list} meId={me.user.id} />}
          </LoadState>
          {typing && (
            <p className="typing muted small" role="status">
              {t('typing')}
            </p>
          )}
        </div>
        {conversation.data && (
          <ConversationComposer api={api} item={conversation.data} onSent={reloadMessages} />
        )}
      </section>
      {contactId && <ContactPanel api={api} contactId={contactId} currentId={id} />}
    </div>
  );
}

function ConversationComposer({ api, item, onSent }: { api: InboxApi; item: InboxItem; onSent(): void }) {
  const me = useMe();
  const mine = item.assigneeId === me.user.id;
  const typingTo = useMemo(
    () => (mine && api.typing ? (typing: boolean) => api.typing!(item.id, typing) : undefined),
    [api, item.id, mine],
  );
  const signal = useTypingSignal(typingTo);
  const scope = {
    contact: { name: item.contactName ?? '', email: item.contactEmail ?? '' },
    agent: { name: me.user.name },
    workspace: { name: me.workspace.name },
  };
  const { t } = useInboxWords();
  const hint = item.status === 'closed' ? t('reopenToReply') : !mine ? t('acceptToReply') : null;
  return (
    <>
      {hint && <p className="composer-hint muted small">{hint}</p>}
      <Composer
        disabled={hint !== null}
        scope={scope}
        searchCanned={api.cannedReplies}
        onTyping={(typing) => (typing ? signal.typing() : signal.stop())}
        onReply={async (text) => {
          await api.reply(item.id, text);
          onSent();
        }}
        onNote={async (text) => {
          await api.note(item.id, text);
          onSent();
        }}
      />
    </>
  );
}

function ConversationHeader({ api, item, onChanged }: { api: InboxApi; item: InboxItem; onChanged(): void }) {
  const { t } = useInboxWords();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState<{
    agents: TransferTarget[];
    teams: TransferTarget[];
  } | null>(null);
  const mine = item.assigneeId === me.user.id;
  // Owners see everyone's names; agents may not list users, so others show by a short id.
  const people = useLoad(() => api.agents().catch(() => []), 'people');
  const nameOf = (id: string) => people.data?.find((p) => p.id === id)?.name;
  const act = async (action: () => Promise<InboxItem | void>) => {
    setBusy(true);
    setError(null);
    try {
      const after = await action();
      if (after) useConversationCache.getState().put([after]);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const openTransfer = () =>
    void act(async () => {
      const [agents, teams] = await Promise.all([api.agents().catch(() => []), api.teams().catch(() => [])]);
      setTransferring({ agents: agents.filter((a) => a.id !== me.user.id), teams });
    });

  return (
    <header className="conversation-header">
      <div>
        <h2>{item.contactName || t('anonymous')}</h2>
        <p className="muted small">
          {item.status === 'closed' ? t('closed') : t('open')} · {t('channel')}: {item.channel}
          {item.priority ? ` · ${t('priority')}: ${item.priority}` : ''} · {t('assignedTo')}:{' '}
          {mine
            ? t('you')
            : item.assigneeId
              ? (nameOf(item.assigneeId) ?? item.assigneeId.slice(-6))
              : t('nobody')}
        </p>
        {item.csat && (
          <p
            className="csat"
            data-testid="csat"
            aria-label={`${t('rating')}: ${item.csat.rating} ${t('stars')}`}
          >
            {t('rating')}:{' '}
            <span aria-hidden="true">
              {'★'.repeat(item.csat.rating)}
              {'☆'.repeat(5 - item.csat.rating)}
            </span>{' '}
            {item.csat.rating} {t('stars')}
            {item.csat.comment && <q>{item.csat.comment}</q>}
          </p>
        )}
      </div>
      <div className="conversation-actions">
        {item.status === 'open' && !mine && (
          <button className="primary" disabled={busy} onClick={() => void act(() => api.accept(item))}>
            {t('accept')}
          </button>
        )}
        {item.offerId && (
          <button disabled={busy} onClick={() => void act(() => api.decline(item))}>
            {t('decline')}
          </button>
        )}
        {item.status === 'open' && (
          <button disabled={busy} onClick={openTransfer}>
            {t('transfer')}
          </button>
        )}
        {item.status === 'open' && mine && (
          <button disabled={busy} onClick={() => void act(() => api.resolve(item.id))}>
            {t('resolve')}
          </button>
        )}
        {item.status === 'closed' && (
          <button disabled={busy} onClick={() => void act(() => api.reopen(item.id))}>
            {t('reopen')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {t('actionFailed')} {error}
        </p>
      )}
      {transferring && (
        <TransferDialog
          agents={transferring.agents}
          teams={transferring.teams}
          onCancel={() => setTransferring(null)}
          onTransfer={async (to, note) => {
            // The transfer carries no text of its own: a note for the next person goes first.
            await act(async () => {
              if (note) await api.note(item.id, note);
              await api.transfer(item.id, to);
            });
            setTransferring(null);
          }}
        />
      )}
    </header>
  );
}

function withRating(known: InboxItem, fetched: InboxItem | undefined): InboxItem {
  return known.csat || !fetched?.csat ? known : { ...known, csat: fetched.csat };
}
