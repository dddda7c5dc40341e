import { useEffect } from 'react';
import type { OperationsStatus } from '@kefu/schemas/api';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { RULE_WORD } from './alert-names';
import { operationsApi, type OperationsApi } from './operations-api';
import { useOperationsWords } from './words';
import './operations.css';

const REFRESH_MS = 15_000;

/** The owners' operations page (GET /operations/status): servers, queue, agents, errors, alerts. */
export function OperationsPage({ api = operationsApi }: { api?: OperationsApi }) {
  const { t } = useOperationsWords();
  const loaded = useLoad(() => api.status(), 'status');
  const { reload } = loaded;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <section className="settings-page operations-page" aria-labelledby="operations-title">
      <h1 id="operations-title">{t('title')}</h1>
      <p className="muted">
        {t('intro')} <button onClick={reload}>{t('refresh')}</button>
      </p>
      <LoadState loaded={loaded} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {(status) => <StatusView status={status} />}
      </LoadState>
    </section>
  );
}

function StatusView({ status }: { status: OperationsStatus }) {
  const { t, lang } = useOperationsWords();
  const checks = [
    ['store', status.checks.store],
    ['temporal', status.checks.temporal],
    ['worker', status.checks.worker],
  ] as const;
  const figures = [
    ['open', String(status.openConversations)],
    ['waiting', String(status.waiting)],
    ['longestWait', duration(status.longestWaitSeconds)],
    ['agentsOnline', String(status.agentsOnline)],
  ] as const;
  return (
    <>
      <h2>{t('servers')}</h2>
      <ul className="ops-checks">
        {checks.map(([key, result]) => (
          <li key={key} className={result === 'ok' ? 'ops-ok' : 'ops-down'} aria-label={t(key)}>
            <strong>{t(key)}</strong>{' '}
            <span className="ops-pill">{result === 'ok' ? t('ok') : t('down')}</span>
            {result !== 'ok' && <span className="muted small ops-why">{result}</span>}
          </li>
        ))}
      </ul>
      <h2>{t('workload')}</h2>
      <dl className="ops-figures">
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd aria-label={t(key)}>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('errorRate')}</dt>
          <dd aria-label={t('errorRate')}>
            {status.errorRate.percent} %{' '}
            <span className="muted small">
              {status.errorRate.errors} / {status.errorRate.requests} {t('requests')}
            </span>
          </dd>
        </div>
      </dl>
      <h2>{t('alerts')}</h2>
      {status.alerts.length === 0 ? (
        <p className="muted">{t('noAlerts')}</p>
      ) : (
        <ul className="ops-alerts" aria-label={t('alerts')}>
          {status.alerts.map((a) => (
            <li key={a.rule} className={a.state === 'firing' ? 'ops-down' : 'ops-ok'}>
              <span className="ops-pill">{t(a.state)}</span> <strong>{t(RULE_WORD[a.rule])}</strong>{' '}
              <span className="muted small">
                {t('since')} {new Date(a.since).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
              </span>
              <div className="small">{a.detail}</div>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        <a href="#/settings">{t('editRules')}</a>
      </p>
    </>
  );
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
