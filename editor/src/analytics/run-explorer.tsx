import { useState } from 'react';
import type { Run, RunPage } from '@kefu/schemas/api';
import { findNode } from '@kefu/nodes';
import { ApiError } from '../shared/http';
import { RangeAndActions, useFilterForm } from '../shared/filter-form';
import '../shared/editable-list.css';
import { ListMore } from '../shared/list-more';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { asLoaded, usePaged } from '../shared/use-paged';
import { RUNS_PAGE_SIZE, runViewerHref, runsApi, type RunFilter, type RunsApi } from './runs-api';
import { ExportCsvButton } from './export-csv-button';
import { useAnalyticsWords } from './words';

const EMPTY_FORM = {
  customer: '',
  flowId: '',
  version: '',
  status: '',
  endNodeId: '',
  channel: '',
  team: '',
  tag: '',
  from: '',
  to: '',
};
type Form = typeof EMPTY_FORM;

/**
 * Every run of the shop's flows (never the designer's simulations), newest first, filtered by
 * flow, version, status, ending node, channel, team, contact tag, time and customer. Filters other
 * than a flow or a customer are no index: a rare match can stop short and say how far back it
 * looked (ListMore). Each run opens in the designer's run viewer, on the version it ran on.
 */
export function RunExplorer({ api = runsApi }: { api?: RunsApi }) {
  const { t, lang } = useAnalyticsWords();
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [customers, setCustomers] = useState<RunPage['customers']>(undefined);
  const flows = useLoad(() => api.flows(), 'run-explorer-flows');
  const teams = useLoad(() => api.teams(), 'run-explorer-teams');
  const { form, set, filter, apply, clear, rangeError, filtered } = useFilterForm<Form, RunFilter>(
    EMPTY_FORM,
    (f) => {
      const next: RunFilter = {};
      const version = Number(f.version);
      if (f.customer.trim()) next.customer = f.customer.trim();
      if (f.flowId) next.flowId = f.flowId;
      if (f.version && Number.isInteger(version)) next.version = version;
      if (f.status) next.status = f.status as RunFilter['status'];
      if (f.endNodeId.trim()) next.endNodeId = f.endNodeId.trim();
      if (f.channel) next.channel = f.channel as RunFilter['channel'];
      if (f.team) next.team = f.team;
      if (f.tag.trim()) next.tag = f.tag.trim();
      return next;
    },
  );
  // The chosen flow's nodes, offered for "ended at node" (any id can still be typed).
  const nodes = useLoad(
    () => (form.flowId ? api.nodes(form.flowId) : Promise.resolve([])),
    `run-explorer-nodes-${form.flowId}`,
  );
  const paged = usePaged<Run>(
    async (cursor) => {
      try {
        const page = await api.list(filter, cursor);
        if (!cursor) setCustomers(page.customers);
        setRefused(null);
        return page;
      } catch (err) {
        // A filter the API refuses names its field: say which, rather than "could not load".
        if (err instanceof ApiError && err.status === 400) setRefused(err);
        throw err;
      }
    },
    JSON.stringify(filter),
    RUNS_PAGE_SIZE,
  );
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const flowName = (id: string) => flows.data?.find((f) => f.id === id)?.name ?? id.slice(-6);
  const statusWord = (s: Run['status']) => t(s);

  return (
    <section className="run-explorer" aria-labelledby="run-explorer-title">
      <h2 id="run-explorer-title">{t('runs')}</h2>
      <p className="muted">{t('runsIntro')}</p>
      <form className="filter-form" role="search" aria-label={t('filters')} onSubmit={apply}>
        <label>
          {t('customer')}
          <input
            type="search"
            placeholder={t('customerHint')}
            value={form.customer}
            onChange={set('customer')}
          />
        </label>
        <label>
          {t('flow')}
          <select value={form.flowId} onChange={set('flowId')}>
            <option value="">{t('anyFlow')}</option>
            {(flows.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('version')}
          <input type="number" min={1} className="narrow" value={form.version} onChange={set('version')} />
        </label>
        <label>
          {t('status')}
          <select value={form.status} onChange={set('status')}>
            <option value="">{t('anyStatus')}</option>
            <option value="running">{t('running')}</option>
            <option value="completed">{t('completed')}</option>
            <option value="failed">{t('failed')}</option>
          </select>
        </label>
        <label>
          {t('endNode')}
          <input value={form.endNodeId} list="run-end-nodes" onChange={set('endNodeId')} />
          <datalist id="run-end-nodes">
            {(nodes.data ?? []).map((n) => {
              const def = findNode(n.type);
              return (
                <option key={n.id} value={n.id}>
                  {def ? def.editor.label[lang] : n.type}
                </option>
              );
            })}
          </datalist>
        </label>
        <label>
          {t('channel')}
          <select value={form.channel} onChange={set('channel')}>
            <option value="">{t('anyChannel')}</option>
            <option value="web">{t('web')}</option>
            <option value="email">{t('email')}</option>
            <option value="api">{t('api')}</option>
          </select>
        </label>
        <label>
          {t('team')}
          <select value={form.team} onChange={set('team')}>
            <option value="">{t('anyTeam')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.key}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tag')}
          <input value={form.tag} onChange={set('tag')} />
        </label>
        <RangeAndActions
          form={form}
          set={set}
          clear={clear}
          rangeError={rangeError}
          words={{
            from: t('from'),
            to: t('to'),
            apply: t('apply'),
            clear: t('clear'),
            badRange: t('badRange'),
          }}
        />
      </form>
      {refused && (
        <p className="error" role="alert">
          {t('badFilter')} {refused.message}
        </p>
      )}
      {filter.customer && customers && (
        <p className="muted" data-testid="customers-found">
          {customers.length === 0
            ? t('noCustomer')
            : `${t('customersFound')} ${customers.map((c) => c.name ?? c.email ?? c.phone ?? c.id).join(', ')}`}
        </p>
      )}
      <LoadState
        loaded={asLoaded(paged)}
        words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
      >
        {(items) =>
          items.length === 0 && !paged.next && !paged.loadingMore ? (
            <p className="muted">{filtered ? t('noMatch') : t('empty')}</p>
          ) : (
            <>
              <ExportCsvButton
                name="runs"
                label={t('runs')}
                rows={() => [
                  [
                    t('started'),
                    t('flow'),
                    t('version'),
                    t('status'),
                    t('channel'),
                    t('customer'),
                    t('team'),
                    t('endNode'),
                    t('steps'),
                    'id',
                  ],
                  ...items.map((run) => [
                    run.startedAt,
                    flowName(run.flowId),
                    run.version,
                    statusWord(run.status),
                    run.channel ? t(run.channel) : '',
                    run.customer?.name ?? run.customer?.email ?? run.customer?.phone ?? '',
                    run.teams?.join(', ') ?? '',
                    run.endNodeId ?? '',
                    run.steps,
                    run.id,
                  ]),
                ]}
              />
              <table className="list-table run-table" aria-label={t('runs')}>
                <thead>
                  <tr>
                    <th scope="col">{t('started')}</th>
                    <th scope="col">{t('flow')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('channel')}</th>
                    <th scope="col">{t('customer')}</th>
                    <th scope="col">{t('team')}</th>
                    <th scope="col">{t('endNode')}</th>
                    <th scope="col">{t('steps')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((run) => (
                    <tr key={run.id}>
                      <td className="nowrap">{when(run.startedAt)}</td>
                      <td>
                        {flowName(run.flowId)} <span className="muted">v{run.version}</span>
                      </td>
                      <td>
                        <span className={`status run-${run.status}`}>{statusWord(run.status)}</span>
                      </td>
                      <td>{run.channel ? t(run.channel) : '—'}</td>
                      <td>{run.customer?.name ?? run.customer?.email ?? run.customer?.phone ?? '—'}</td>
                      <td>{run.teams?.join(', ') ?? '—'}</td>
                      <td>{run.endNodeId ? <code>{run.endNodeId}</code> : '—'}</td>
                      <td>{run.steps}</td>
                      <td>
                        <a
                          href={runViewerHref(run.flowId, run.id)}
                          aria-label={`${t('openRun')} ${when(run.startedAt)}`}
                        >
                          {t('open')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ListMore paged={paged} label={t('more')} />
            </>
          )
        }
      </LoadState>
    </section>
  );
}
