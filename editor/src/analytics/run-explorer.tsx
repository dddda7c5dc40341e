import { useState, type FormEvent } from 'react';
import type { Run, RunPage } from '@kefu/schemas/api';
import { findNode } from '@kefu/nodes';
import { ApiError } from '../shared/http';
import { ListMore } from '../shared/list-more';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { asLoaded, usePaged } from '../shared/use-paged';
import { RUNS_PAGE_SIZE, runViewerHref, runsApi, type RunFilter, type RunsApi } from './runs-api';
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

/** A `datetime-local` value (the analyst's own clock) as the API's ISO time; '' when empty. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

/**
 * Every run of the shop's flows (never the designer's simulations), newest first, filtered by
 * flow, version, status, ending node, channel, team, contact tag, time and customer. Filters other
 * than a flow or a customer are no index: a rare match can stop short and say how far back it
 * looked (ListMore). Each run opens in the designer's run viewer, on the version it ran on.
 */
export function RunExplorer({ api = runsApi }: { api?: RunsApi }) {
  const { t, lang } = useAnalyticsWords();
  const [filter, setFilter] = useState<RunFilter>({});
  const [rangeError, setRangeError] = useState(false);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [customers, setCustomers] = useState<RunPage['customers']>(undefined);
  const flows = useLoad(() => api.flows(), 'run-explorer-flows');
  const teams = useLoad(() => api.teams(), 'run-explorer-teams');
  const [form, setForm] = useState<Form>(EMPTY_FORM);
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
  const filtered = Object.keys(filter).length > 0;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const flowName = (id: string) => flows.data?.find((f) => f.id === id)?.name ?? id.slice(-6);
  const statusWord = (s: Run['status']) => t(s);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const from = toIso(form.from);
    const to = toIso(form.to);
    if (from && to && from >= to) return setRangeError(true);
    setRangeError(false);
    const next: RunFilter = {};
    const version = Number(form.version);
    if (form.customer.trim()) next.customer = form.customer.trim();
    if (form.flowId) next.flowId = form.flowId;
    if (form.version && Number.isInteger(version)) next.version = version;
    if (form.status) next.status = form.status as RunFilter['status'];
    if (form.endNodeId.trim()) next.endNodeId = form.endNodeId.trim();
    if (form.channel) next.channel = form.channel as RunFilter['channel'];
    if (form.team) next.team = form.team;
    if (form.tag.trim()) next.tag = form.tag.trim();
    if (from) next.from = from;
    if (to) next.to = to;
    setFilter(next);
  };
  const clear = () => {
    setForm(EMPTY_FORM);
    setRangeError(false);
    setFilter({});
  };
  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <section className="run-explorer" aria-labelledby="run-explorer-title">
      <h2 id="run-explorer-title">{t('runs')}</h2>
      <p className="muted">{t('runsIntro')}</p>
      <form className="run-filters" role="search" aria-label={t('filters')} onSubmit={apply}>
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
        <label>
          {t('from')}
          <input type="datetime-local" value={form.from} onChange={set('from')} />
        </label>
        <label>
          {t('to')}
          <input
            type="datetime-local"
            value={form.to}
            aria-invalid={rangeError ? true : undefined}
            onChange={set('to')}
          />
        </label>
        <button type="submit">{t('apply')}</button>
        <button type="button" onClick={clear}>
          {t('clear')}
        </button>
        {rangeError && (
          <p className="error field-error" role="alert">
            {t('badRange')}
          </p>
        )}
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
              <table className="run-table" aria-label={t('runs')}>
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
