import type { AllConversation, Run } from '@kefu/schemas/api';
import { hrefOf } from '../console/router';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import type { AllConversationsApi } from './all-conversations-api';
import { useAllConversationsWords } from './all-conversations-words';
import { MessageThread } from './message-thread';

/**
 * One conversation as the owner reads it from the all-conversations view: read only, with a way
 * into the inbox (where the existing actions take it over) and links to its flow runs.
 */
export function TranscriptPanel({
  api,
  id,
  known,
}: {
  api: AllConversationsApi;
  id: string;
  known?: AllConversation;
}) {
  const { t } = useAllConversationsWords();
  const words = { loading: t('loading'), failed: t('failed'), retry: t('retry') };
  const conversation = useLoad(() => api.conversation(id), id);
  const messages = useLoad(() => api.messages(id), id);
  const runs = useLoad(() => api.runs(id), id);
  const c = conversation.data;
  const name = c?.contact.name || c?.contact.email || known?.contact.name || t('visitor');

  return (
    <section className="conversation transcript" aria-label={t('transcript')}>
      <header className="conversation-header transcript-header">
        <h2>{name}</h2>
        {known && <span className={`state-chip state-${known.state}`}>{t(known.state)}</span>}
        {c && <span className="channel-chip">{t(c.channel)}</span>}
        <a href={hrefOf('inbox', id)}>{t('openInInbox')}</a>
      </header>
      <p className="muted small transcript-note">{t('readOnly')}</p>
      <div className="thread-scroll">
        <LoadState loaded={messages} words={words}>
          {(list) => <MessageThread messages={list} />}
        </LoadState>
      </div>
      <section className="transcript-runs" aria-label={t('runs')}>
        <h3>{t('runs')}</h3>
        <LoadState loaded={runs} words={{ ...words, failed: t('runsFailed') }}>
          {(list) =>
            list.length === 0 ? <p className="muted small">{t('noRuns')}</p> : <RunLinks runs={list} />
          }
        </LoadState>
      </section>
    </section>
  );
}

function RunLinks({ runs }: { runs: Run[] }) {
  const { t, lang } = useAllConversationsWords();
  const status = { running: t('running'), completed: t('completed'), failed: t('failedRun') };
  return (
    <ul className="transcript-run-list">
      {runs.map((run) => (
        <li key={run.id}>
          {/* The designer's runs view opens this run on its flow's canvas. */}
          <a href={`/designer/#/flow/${run.flowId}/run/${encodeURIComponent(run.id)}`}>
            {t('run')} v{run.version} · {status[run.status]} · {t('started')}{' '}
            {new Date(run.startedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}
          </a>
        </li>
      ))}
    </ul>
  );
}
