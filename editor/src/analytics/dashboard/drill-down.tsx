import type { KpiItem } from '@kefu/schemas/api';
import { useCallback, useEffect, useRef } from 'react';
import { hrefOf } from '../../console/router';
import { ListMore } from '../../shared/list-more';
import { LoadState } from '../../shared/load-state';
import { asLoaded, usePaged } from '../../shared/use-paged';
import { ExportCsvButton } from '../export-csv-button';
import { DRILL_PAGE_SIZE, type KpiApi } from './kpi-api';
import type { KpiDef } from './kpi-defs';
import { formatSeconds } from './kpi-format';
import { useDashboardWords } from './words';

/** What a click on a figure asks for: the figure, its row and its days. */
export interface DrillTarget {
  def: KpiDef;
  dim: string;
  dimLabel: string;
  from: string;
  to: string;
  /** The figure's count: the list's length, shown as "of N". */
  count?: number;
}

/**
 * The conversations (tickets) counted in one figure, newest day first, read from the API's
 * drill-down (GET /analytics/kpis/items): exactly the ones the figure counted. Owners open each in
 * the all-conversations view (tickets in the ticket desk); analysts read the list.
 */
export function DrillDown({
  api,
  target,
  names,
  canOpen,
  onClose,
}: {
  api: KpiApi;
  target: DrillTarget;
  names: { team(id: string): string; agent(id: string): string };
  canOpen: boolean;
  onClose(): void;
}) {
  const { t, lang } = useDashboardWords();
  const heading = useRef<HTMLHeadingElement>(null);
  const { def, dim, from, to, count } = target;
  const load = useCallback(
    async (cursor?: string) => ({
      ...(await api.items({ kpi: def.drill, dim, from, to }, cursor)),
      ...(count !== undefined ? { total: count } : {}),
    }),
    [api, def.drill, dim, from, to, count],
  );
  const paged = usePaged<KpiItem>(load, `${def.drill}/${dim}/${from}/${to}`, DRILL_PAGE_SIZE);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'nearest' });
  }, [def.drill, dim, from, to]);

  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'short' });
  const range = from === to ? from : `${from} – ${to}`;
  // The whole workspace is named in the language shown now, not the one of the click.
  const title = `${t(def.key)} · ${dim === 'all' ? t('all') : target.dimLabel} · ${range}`;
  const status = (s: string) =>
    s === 'open' || s === 'closed' || s === 'pending' || s === 'solved' ? t(`status_${s}`) : s;
  const detail = (i: KpiItem) =>
    i.seconds !== undefined
      ? formatSeconds(i.seconds, lang)
      : i.rating !== undefined
        ? `${i.rating} / 5`
        : i.breach
          ? t(i.breach === 'firstResponse' ? 'breachFirstResponse' : 'breachResolution')
          : '';
  const detailHead =
    def.drill === 'firstResponse' || def.drill === 'resolution'
      ? t('took')
      : def.drill === 'csat'
        ? t('rating')
        : def.drill === 'slaBreaches'
          ? t('breach')
          : null;
  const channel = (c?: string) => (c === 'web' || c === 'email' || c === 'api' ? t(c) : '');
  const csv = () => [
    [
      t('dayCol'),
      t('kind'),
      t('came'),
      t('who'),
      t('channel'),
      t('status'),
      t('team'),
      t('agent'),
      detailHead ?? '',
      'id',
    ],
    ...paged.items.map((i) => [
      i.day,
      t(i.type),
      i.createdAt,
      i.title || t('visitor'),
      channel(i.channel),
      status(i.status),
      i.teamId ? names.team(i.teamId) : '',
      i.agentId ? names.agent(i.agentId) : '',
      i.seconds ?? i.rating ?? detail(i),
      i.id,
    ]),
  ];

  return (
    <section className="kpi-drill" aria-labelledby="kpi-drill-title">
      <header className="kpi-table-head">
        <h3 id="kpi-drill-title" ref={heading} tabIndex={-1}>
          {t('drillTitle')}: {title}
        </h3>
        <ExportCsvButton name={`kpi-${def.drill}-${dim}-${from}-${to}`} rows={csv} label={t('drillList')} />
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      {!canOpen && <p className="muted small">{t('drillReadOnly')}</p>}
      <LoadState
        loaded={asLoaded(paged)}
        words={{ loading: t('drillLoading'), failed: t('drillFailed'), retry: t('retry') }}
      >
        {(items) =>
          items.length === 0 && !paged.next && !paged.loadingMore ? (
            <p className="muted">{t('drillEmpty')}</p>
          ) : (
            <>
              <table className="list-table kpi-drill-table" aria-label={t('drillList')}>
                <thead>
                  <tr>
                    <th scope="col">{t('came')}</th>
                    <th scope="col">{t('kind')}</th>
                    <th scope="col">{t('who')}</th>
                    <th scope="col">{t('channel')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('team')}</th>
                    <th scope="col">{t('agent')}</th>
                    {detailHead && <th scope="col">{detailHead}</th>}
                    {canOpen && (
                      <th scope="col">
                        <span className="sr-only">{t('open')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {items.map((i, n) => (
                    <tr key={`${i.type}-${i.id}-${n}`}>
                      <td className="nowrap">{when(i.createdAt)}</td>
                      <td>{t(i.type)}</td>
                      <td>{i.title || t('visitor')}</td>
                      <td>{channel(i.channel) || '—'}</td>
                      <td>{status(i.status)}</td>
                      <td>{i.teamId ? names.team(i.teamId) : '—'}</td>
                      <td>{i.agentId ? names.agent(i.agentId) : '—'}</td>
                      {detailHead && <td>{detail(i)}</td>}
                      {canOpen && (
                        <td>
                          <a
                            href={hrefOf(i.type === 'ticket' ? 'tickets' : 'conversations', i.id)}
                            aria-label={`${t('open')} ${t(i.type)} ${i.title || t('visitor')} ${when(i.createdAt)}`}
                          >
                            {t('open')}
                          </a>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              <ListMore paged={paged} label={t('drillMore')} />
            </>
          )
        }
      </LoadState>
    </section>
  );
}
