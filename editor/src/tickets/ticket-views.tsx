import type { TicketCounts } from '@kefu/schemas/api';
import type { TicketQuery } from './tickets-api';
import { useTicketWords } from './words';

/**
 * The ticket views: the working sets an agent works from (read whole, every sort, counted by the
 * server as tickets change) and all tickets (newest or oldest first).
 */
export const TICKET_VIEWS = [
  { id: 'open', query: { status: 'open' }, count: 'open' },
  { id: 'pending', query: { status: 'pending' }, count: 'pending' },
  { id: 'mine', query: { status: 'active', assignee: 'me' }, count: 'mine' },
  { id: 'unassigned', query: { status: 'active', assignee: 'none' }, count: 'unassigned' },
  { id: 'breached', query: { status: 'active', breached: 'true' } },
  { id: 'all', query: {} },
] as const satisfies readonly {
  id: string;
  query: Partial<TicketQuery>;
  count?: keyof TicketCounts;
}[];

export type TicketView = (typeof TICKET_VIEWS)[number];
export type TicketViewId = TicketView['id'];

/** Sorts every view takes, and the ones only a working set takes (the server refuses them on all). */
export const HISTORY_SORTS = [
  ['-createdAt', 'newest'],
  ['createdAt', 'oldest'],
] as const;
export const SET_SORTS = [
  ...HISTORY_SORTS,
  ['-updatedAt', 'recentlyUpdated'],
  ['-priority', 'priorityHigh'],
  ['resolutionDueAt', 'dueSoon'],
] as const;

export function TicketViews({
  view,
  counts,
  onChange,
}: {
  view: TicketViewId;
  counts: TicketCounts | undefined;
  onChange(view: TicketViewId): void;
}) {
  const { t } = useTicketWords();
  return (
    <nav className="ticket-views" aria-label={t('views')}>
      {TICKET_VIEWS.map((v) => {
        const count = 'count' in v && counts ? counts[v.count] : undefined;
        return (
          <button
            key={v.id}
            type="button"
            aria-pressed={v.id === view}
            className={v.id === view ? 'selected' : undefined}
            onClick={() => onChange(v.id)}
          >
            {t(`view_${v.id}`)}
            {count !== undefined && (
              <>
                {' '}
                <span className="count">{count}</span>
              </>
            )}
          </button>
        );
      })}
    </nav>
  );
}
