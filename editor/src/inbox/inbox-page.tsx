import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAgentStatus } from '../console/presence-switch';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { connectAgentSocket, type SocketStatus } from './agent-socket';
import { ConversationView } from './conversation-view';
import { createHttpInboxApi, type InboxApi, type Queues } from './inbox-api';
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
  const queues = useLoad(() => api.queues(), 'queues');
  const [socket, setSocket] = useState<SocketStatus>('connecting');
  const [version, setVersion] = useState(0);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const { reload } = queues;

  useEffect(() => {
    const connection = connectAgentSocket({
      onStatus: setSocket,
      onOpen: () => {
        reload();
        setVersion((v) => v + 1);
      },
      onEvent: (event) => {
        reload();
        void useAgentStatus.getState().refresh();
        if (!event.conversationId || event.conversationId === selected.current) setVersion((v) => v + 1);
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
  const offered = queues.data?.unassigned.find((item) => item.id === selectedId && item.offerId);

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
            {muted ? '🔕' : '🔔'}
          </button>
        </div>
        <LoadState loaded={queues} words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}>
          {(q) => (
            <>
              <QueueList title={t('unassigned')} items={q.unassigned} selectedId={selectedId} testId="queue-unassigned" />
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
          offered={offered}
          version={version}
          onChanged={onChanged}
        />
      ) : (
        <p className="inbox-empty muted">{t('pickConversation')}</p>
      )}
    </div>
  );
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
    const unreadMine = queues.mine.filter((item) => item.unread > 0).map((item) => `${item.id}:${item.unread}`);
    const keys = new Set([...waiting, ...unreadMine]);
    if (seen.current && [...keys].some((key) => !seen.current!.has(key))) playNewWorkSound();
    seen.current = keys;
  }, [queues]);
}
