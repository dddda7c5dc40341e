import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketWire } from '@kefu/schemas/api';
import { useState, type FormEvent } from 'react';
import { hrefOf } from '../console/router';
import { useMe } from '../console/session';
import type { Named } from '../shared/directory';
import { ListMore } from '../shared/list-more';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { asLoaded, usePaged } from '../shared/use-paged';
import { TicketBulkBar } from './ticket-bulk-bar';
import { HISTORY_SORTS, SET_SORTS, TICKET_VIEWS, TicketViews, type TicketViewId } from './ticket-views';
import { PAGE_SIZE, type TicketQuery, type TicketsApi } from './tickets-api';
import { useTicketWords } from './words';
import { ticketNumberText } from './ticket-number';

type Filters = Omit<TicketQuery, 'cursor' | 'status' | 'breached'> & { status?: string };

/**
 * Tickets by view (open, pending, mine, unassigned, breached: the working sets, with counts the
 * server keeps; or all), with filters, search, sort and bulk changes on the selected rows. The
 * list grows with "load more"; a search over all tickets that stops short says how far back it
 * looked. Sorting by priority, due date or update works within a working set only, as the API.
 */
export function TicketList({ api, people, teams }: { api: TicketsApi; people: Named[]; teams: Named[] }) {
  const { t, lang } = useTicketWords();
  const me = useMe();
  const [view, setView] = useState<TicketViewId>('open');
  const [filters, setFilters] = useState<Filters>({ sort: '-createdAt' });
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const viewQuery = TICKET_VIEWS.find((v) => v.id === view)!.query;
  const query: TicketQuery = { ...filters, ...viewQuery };
  const paged = usePaged(
    (cursor) => api.list({ ...query, ...(cursor ? { cursor } : {}) }),
    JSON.stringify(query),
    PAGE_SIZE,
  );
  const counts = useLoad(() => api.counts(), 'counts');
  const sorts = view === 'all' ? HISTORY_SORTS : SET_SORTS;

  const reset = () => setSelected(new Set());
  const setFilter = (key: keyof Filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value || undefined }));
    reset();
  };
  const changeView = (next: TicketViewId) => {
    setView(next);
    // All tickets sort by creation only: a working set's sort would be refused there.
    if (next === 'all' && !HISTORY_SORTS.some(([s]) => s === filters.sort))
      setFilters((f) => ({ ...f, sort: '-createdAt' }));
    if (next !== 'all') setFilters((f) => ({ ...f, status: undefined }));
    reset();
  };
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilter('q', search.trim());
  };
  const nameOf = (id?: string) =>
    !id ? '—' : id === me.user.id ? t('me') : (people.find((p) => p.id === id)?.name ?? id.slice(-6));
  const teamOf = (id?: string) => (!id ? '—' : (teams.find((x) => x.id === id)?.name ?? id.slice(-6)));
  const date = (iso?: string) => (iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—');
  const words = { loading: t('loading'), failed: t('loadFailed'), retry: t('retry') };
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const filterSelect = (key: 'status' | 'priority', options: readonly string[]) => (
    <label>
      {t(key)}
      <select aria-label={t(key)} value={filters[key] ?? ''} onChange={(e) => setFilter(key, e.target.value)}>
        <option value="">{t('any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(o as (typeof TICKET_STATUSES)[number])}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="tickets" aria-labelledby="tickets-title">
      <h1 id="tickets-title" className="tickets-title">
        {t('tickets')}
      </h1>
      <TicketViews view={view} counts={counts.data} onChange={changeView} />
      <form className="ticket-filters" aria-label={t('filters')} onSubmit={submitSearch}>
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit">{t('searchButton')}</button>
        {view === 'all' && filterSelect('status', TICKET_STATUSES)}
        {filterSelect('priority', TICKET_PRIORITIES)}
        {view !== 'mine' && view !== 'unassigned' && (
          <label>
            {t('assignee')}
            <select
              aria-label={t('assignee')}
              value={filters.assignee ?? ''}
              onChange={(e) => setFilter('assignee', e.target.value)}
            >
              <option value="">{t('any')}</option>
              <option value="me">{t('me')}</option>
              <option value="none">{t('unassigned')}</option>
              {people
                .filter((p) => p.id !== me.user.id)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label>
          {t('team')}
          <select
            aria-label={t('team')}
            value={filters.teamId ?? ''}
            onChange={(e) => setFilter('teamId', e.target.value)}
          >
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
          <input
            aria-label={t('tag')}
            value={filters.tag ?? ''}
            maxLength={64}
            size={10}
            onChange={(e) => setFilter('tag', e.target.value.trim())}
          />
        </label>
        <label>
          {t('sort')}
          <select
            aria-label={t('sort')}
            value={filters.sort}
            onChange={(e) => setFilter('sort', e.target.value)}
          >
            {sorts.map(([value, word]) => (
              <option key={value} value={value}>
                {t(word)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {selected.size > 0 && (
        <TicketBulkBar
          api={api}
          ids={[...selected]}
          meId={me.user.id}
          onDone={(summary) => {
            setNotice(summary);
            reset();
            paged.reload();
            counts.reload();
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <LoadState loaded={asLoaded(paged)} words={words}>
        {(items) =>
          items.length === 0 && !paged.next && !paged.loadingMore ? (
            <p className="muted page-state">{t('noTickets')}</p>
          ) : (
            <table className="ticket-table">
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      aria-label={t('selectAll')}
                      checked={items.length > 0 && items.every((x) => selected.has(x.id))}
                      onChange={(e) => items.forEach((x) => select(x.id, e.target.checked))}
                    />
                  </th>
                  <th>{t('number')}</th>
                  <th>{t('subject')}</th>
                  <th>{t('status')}</th>
                  <th>{t('priority')}</th>
                  <th>{t('assignee')}</th>
                  <th>{t('team')}</th>
                  <th>{t('tags')}</th>
                  <th>{t('due')}</th>
                  <th>{t('created')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((ticket: TicketWire) => (
                  <tr key={ticket.id} className={selected.has(ticket.id) ? 'selected' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('select')}: ${ticket.subject}`}
                        checked={selected.has(ticket.id)}
                        onChange={(e) => select(ticket.id, e.target.checked)}
                      />
                    </td>
                    <td className="ticket-number">{ticketNumberText(ticket)}</td>
                    <td className="ticket-subject">
                      <a href={hrefOf('tickets', ticket.id)}>{ticket.subject}</a>
                    </td>
                    <td>
                      <span className={`status status-${ticket.status}`}>{t(ticket.status)}</span>
                    </td>
                    <td>
                      <span className={`priority priority-${ticket.priority}`}>{t(ticket.priority)}</span>
                    </td>
                    <td>{nameOf(ticket.assigneeId)}</td>
                    <td>{teamOf(ticket.teamId)}</td>
                    <td className="ticket-tags">{ticket.tags.join(', ')}</td>
                    <td className={ticket.sla.resolutionBreached ? 'error' : undefined}>
                      {date(ticket.sla.resolutionDueAt)}
                      {ticket.sla.resolutionBreached && <span className="sr-only"> {t('breached')}</span>}
                    </td>
                    <td>{date(ticket.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      {paged.state !== 'loading' && <ListMore paged={paged} label={t('list')} />}
    </section>
  );
}
