import { Bell, BellOff } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAgentStatus } from '../console/presence-switch';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { connectAgentSocket, type AgentFrame, type SocketStatus } from './agent-socket';
import { useConversationCache } from './conversation-cache';
import { ConversationView } from './conversation-view';
import { createHttpInboxApi, toItem, type InboxApi, type Queues } from './inbox-api';
import { playNewWorkSound, useInboxBadge } from './new-work-alert';
import { QueueList } from './queue-list';
import { useInboxWords } from './words';

const httpApi = createHttpInboxApi();

/**
 * The agent's inbox: queues on the left (waiting for my teams, mine), the open conversation in
 * the middle, the contact on the right. The /ws/agent socket says when something changed; the
 * page reloads what it names, and everything on every reconnect.
 */
export function InboxPage({ selectedId, api = httpApi }: { selectedId?: string; api?: InboxApi }) {
  const { t } = useInboxWords();
  const queues = useLoad(async () => {
    const loaded = await api.queues();
    const cache = useConversationCache.getState();
    cache.keepOffers(new Set(loaded.unassigned.filter((item) => item.offerId).map((item) => item.id)));
    cache.put([...loaded.unassigned, ...loaded.mine]);
    return loaded;
  }, 'queues');
  const [socket, setSocket] = useState<SocketStatus>('connecting');
  const [version, setVersion] = useState(0);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const { reload } = queues;

  useEffect(() => {
    const connection = connectAgentSocket({
      onStatus: setSocket,
      // Signed out elsewhere, removed, or no longer an agent: the console asks who is signed in.
      onSignInEnded: () => location.reload(),
      onOpen: () => {
        reload();
        setVersion((v) => v + 1);
      },
      onEvent: (frame) => {
        const about = conversationOf(frame);
        if (about === undefined) return;
        if (frame.type === 'contact.typing') {
          useConversationCache.getState().setTyping(frame.conversationId, frame.typing);
          return;
        }
        if ('conversation' in frame) useConversationCache.getState().put([toItem(frame.conversation)]);
        if (frame.type === 'message.created') useConversationCache.getState().setTyping(about, false);
        reload();
        void useAgentStatus.getState().refresh();
        if (about === selected.current) setVersion((v) => v + 1);
      },
    });
    return () => connection.close();
  }, [reload]);

  useNewWorkAlert(queues.data);
  const onChanged = useCallback(() => {
    reload();
    void useAgentStatus.getState().refresh();
  }, [reload]);
  const muted = useInboxBadge((s) => s.muted);

  return (
    <div className="inbox">
      <nav className="queues" aria-label={t('queues')}>
        <div className="queues-bar">
          <span className={`socket socket-${socket}`} role="status">
            {socket === 'live' ? t('live') : t('reconnecting')}
          </span>
          <button
            type="button"
            aria-pressed={muted}
            aria-label={muted ? t('unmute') : t('mute')}
            title={muted ? t('unmute') : t('mute')}
            onClick={() => useInboxBadge.getState().toggleMute()}
          >
            {muted ? <BellOff size={16} aria-hidden="true" /> : <Bell size={16} aria-hidden="true" />}
          </button>
        </div>
        <LoadState
          loaded={queues}
          words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
        >
          {(q) => (
            <>
              <QueueList
                title={t('unassigned')}
                items={q.unassigned}
                selectedId={selectedId}
                testId="queue-unassigned"
              />
              <QueueList title={t('mine')} items={q.mine} selectedId={selectedId} testId="queue-mine" />
            </>
          )}
        </LoadState>
      </nav>
      {selectedId ? (
        <ConversationView
          key={selectedId}
          api={api}
          id={selectedId}
          version={version}
          onChanged={onChanged}
        />
      ) : (
        <p className="inbox-empty muted">{t('pickConversation')}</p>
      )}
    </div>
  );
}

/** The conversation a frame is about; undefined for frames that are not events (ready, pong, error). */
function conversationOf(frame: AgentFrame): string | undefined {
  switch (frame.type) {
    case 'ready':
    case 'pong':
    case 'error':
      return undefined;
    case 'message.created':
      return frame.message.conversationId;
    case 'note.created':
      return frame.note.conversationId;
    case 'offer.ended':
    case 'contact.typing':
      return frame.conversationId;
    default:
      return frame.conversation.id;
  }
}

/** Badge and title count = waiting + unread; a chime when new work appears after the first load. */
function useNewWorkAlert(queues: Queues | undefined) {
  const seen = useRef<Set<string> | null>(null);
  const count = useMemo(
    () => (queues ? queues.unassigned.length + queues.mine.reduce((n, item) => n + item.unread, 0) : 0),
    [queues],
  );
  useEffect(() => {
    useInboxBadge.getState().setCount(count);
  }, [count]);
  useEffect(() => () => useInboxBadge.getState().setCount(0), []);
  useEffect(() => {
    if (!queues) return;
    const waiting = new Set(queues.unassigned.map((item) => item.id));
    const unreadMine = queues.mine
      .filter((item) => item.unread > 0)
      .map((item) => `${item.id}:${item.unread}`);
    const keys = new Set([...waiting, ...unreadMine]);
    if (seen.current && [...keys].some((key) => !seen.current!.has(key))) playNewWorkSound();
    seen.current = keys;
  }, [queues]);
}
