import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketUpdate, type TicketWire } from '@kefu/schemas/api';
import { useState, type FormEvent } from 'react';
import { hrefOf } from '../console/router';
import { useMe } from '../console/session';
import type { Named } from '../shared/directory';
import { isNotFoundError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { TicketTimeline } from './ticket-timeline';
import type { TicketsApi } from './tickets-api';
import { useTicketWords } from './words';
import { ticketNumberText } from './ticket-number';

/** One ticket: its fields, editable, a comment box, and the timeline of every change. */
export function TicketDetailView({
  api,
  id,
  people,
  teams,
}: {
  api: TicketsApi;
  id: string;
  people: Named[];
  teams: Named[];
}) {
  const { t } = useTicketWords();
  const me = useMe();
  const detail = useLoad(() => api.get(id), id);
  const words = {
    loading: t('loading'),
    failed: detail.state === 'failed' && isNotFoundError(detail.error) ? t('notFound') : t('loadFailed'),
    retry: t('retry'),
  };
  return (
    <section className="ticket-detail" aria-label={t('tickets')}>
      <a href={hrefOf('tickets')} className="back">
        ← {t('back')}
      </a>
      <LoadState loaded={detail} words={words}>
        {(d) => (
          <>
            {d.ticket.number !== undefined && <h1 className="ticket-number">{ticketNumberText(d.ticket)}</h1>}
            <div className="ticket-columns">
              <TicketFields
                key={d.ticket.updatedAt}
                ticket={d.ticket}
                people={people}
                teams={teams}
                meId={me.user.id}
                onSave={async (change) => {
                  await api.update(id, change);
                  detail.reload();
                }}
              />
              <div className="ticket-activity">
                <CommentBox
                  onPost={async (text, internal) => {
                    await api.comment(id, { text, internal });
                    detail.reload();
                  }}
                />
                <h2>{t('timeline')}</h2>
                <TicketTimeline events={d.timeline} people={people} meId={me.user.id} />
              </div>
            </div>
          </>
        )}
      </LoadState>
    </section>
  );
}

export interface Draft {
  subject: string;
  description: string;
  status: TicketWire['status'];
  priority: TicketWire['priority'];
  assigneeId: string;
  teamId: string;
  tags: string;
  customFields: [string, string][];
}

export const draftOf = (ticket: TicketWire): Draft => ({
  subject: ticket.subject,
  description: ticket.description,
  status: ticket.status,
  priority: ticket.priority,
  assigneeId: ticket.assigneeId ?? '',
  teamId: ticket.teamId ?? '',
  tags: ticket.tags.join(', '),
  customFields: Object.entries(ticket.customFields).map(([k, v]) => [k, String(v)]),
});

/** Only what changed goes in the PATCH, so the timeline shows exactly the edits made. */
export function changesOf(ticket: TicketWire, draft: Draft): TicketUpdate {
  const change: TicketUpdate = {};
  if (draft.subject.trim() !== ticket.subject) change.subject = draft.subject.trim();
  if (draft.description !== ticket.description) change.description = draft.description;
  if (draft.status !== ticket.status) change.status = draft.status;
  if (draft.priority !== ticket.priority) change.priority = draft.priority;
  if (draft.assigneeId !== (ticket.assigneeId ?? '')) change.assigneeId = draft.assigneeId || null;
  if (draft.teamId !== (ticket.teamId ?? '')) change.teamId = draft.teamId || null;
  const tags = [
    ...new Set(
      draft.tags
        .split(/[,，]/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
  // The tags added and removed, not the whole list: a teammate tagging the ticket meanwhile keeps theirs.
  const addTags = tags.filter((t) => !ticket.tags.includes(t));
  const removeTags = ticket.tags.filter((t) => !tags.includes(t));
  if (addTags.length) change.addTags = addTags;
  if (removeTags.length) change.removeTags = removeTags;
  const fields: Record<string, string | null> = {};
  const kept = new Map(draft.customFields.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v]));
  for (const [key, value] of kept)
    if (String(ticket.customFields[key] ?? '') !== value || !(key in ticket.customFields))
      fields[key] = value;
  for (const key of Object.keys(ticket.customFields)) if (!kept.has(key)) fields[key] = null;
  if (Object.keys(fields).length) change.customFields = fields;
  return change;
}

function TicketFields({
  ticket,
  people,
  teams,
  meId,
  onSave,
}: {
  ticket: TicketWire;
  people: Named[];
  teams: Named[];
  meId: string;
  onSave(change: TicketUpdate): Promise<void>;
}) {
  const { t } = useTicketWords();
  const [draft, setDraft] = useState(() => draftOf(ticket));
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const change = changesOf(ticket, draft);
  const dirty = Object.keys(change).length > 0;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    setState({ kind: 'busy' });
    try {
      await onSave(change);
      setState({ kind: 'idle' });
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const assignees = people.some((p) => p.id === meId) ? people : [{ id: meId, name: t('me') }, ...people];
  return (
    <form className="ticket-fields" onSubmit={(e) => void save(e)}>
      <label>
        {t('subject')}
        <input
          required
          maxLength={200}
          value={draft.subject}
          onChange={(e) => set('subject', e.target.value)}
        />
      </label>
      <label>
        {t('description')}
        <textarea
          rows={5}
          maxLength={10000}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </label>
      <div className="field-grid">
        <label>
          {t('status')}
          <select
            aria-label={t('status')}
            value={draft.status}
            onChange={(e) => set('status', e.target.value as Draft['status'])}
          >
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('priority')}
          <select
            aria-label={t('priority')}
            value={draft.priority}
            onChange={(e) => set('priority', e.target.value as Draft['priority'])}
          >
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('assignee')}
          <select
            aria-label={t('assignee')}
            value={draft.assigneeId}
            onChange={(e) => set('assigneeId', e.target.value)}
          >
            <option value="">{t('unassigned')}</option>
            {draft.assigneeId && !assignees.some((p) => p.id === draft.assigneeId) && (
              <option value={draft.assigneeId}>{draft.assigneeId.slice(-6)}</option>
            )}
            {assignees.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id === meId ? `${p.name} (${t('me')})` : p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('team')}
          <select aria-label={t('team')} value={draft.teamId} onChange={(e) => set('teamId', e.target.value)}>
            <option value="">—</option>
            {draft.teamId && !teams.some((x) => x.id === draft.teamId) && (
              <option value={draft.teamId}>{draft.teamId.slice(-6)}</option>
            )}
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('tags')} <span className="muted small">({t('tagsHint')})</span>
        <input aria-label={t('tags')} value={draft.tags} onChange={(e) => set('tags', e.target.value)} />
      </label>
      <fieldset className="custom-fields">
        <legend>{t('customFields')}</legend>
        {draft.customFields.length === 0 && <p className="muted small">{t('noCustomFields')}</p>}
        {draft.customFields.map(([key, value], i) => (
          <div className="row" key={i}>
            <input
              aria-label={t('fieldName')}
              placeholder={t('fieldName')}
              value={key}
              pattern="[A-Za-z][A-Za-z0-9_\-]{0,63}"
              onChange={(e) =>
                set(
                  'customFields',
                  draft.customFields.map((f, j) => (j === i ? [e.target.value, f[1]] : f)),
                )
              }
            />
            <input
              aria-label={t('fieldValue')}
              placeholder={t('fieldValue')}
              value={value}
              maxLength={1000}
              onChange={(e) =>
                set(
                  'customFields',
                  draft.customFields.map((f, j) => (j === i ? [f[0], e.target.value] : f)),
                )
              }
            />
            <button
              type="button"
              aria-label={t('removeField')}
              onClick={() =>
                set(
                  'customFields',
                  draft.customFields.filter((_, j) => j !== i),
                )
              }
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('customFields', [...draft.customFields, ['', '']])}>
          {t('addField')}
        </button>
      </fieldset>
      <p className="muted small">
        {t('source')}: {ticket.source}
        {ticket.conversationId && (
          <>
            {' · '}
            <a href={hrefOf('inbox', ticket.conversationId)}>{t('conversation')}</a>
          </>
        )}
        {ticket.sla.resolutionDueAt && (
          <>
            {' · '}
            <span className={ticket.sla.resolutionBreached ? 'error' : undefined}>
              {t('due')}: {new Date(ticket.sla.resolutionDueAt).toLocaleString()}
              {ticket.sla.resolutionBreached ? ` (${t('breached')})` : ''}
            </span>
          </>
        )}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={!dirty || state.kind === 'busy'}>
          {state.kind === 'busy' ? t('saving') : t('save')}
        </button>
        {state.kind === 'failed' && (
          <span className="error" role="alert">
            {t('saveFailed')} {state.message}
          </span>
        )}
      </div>
    </form>
  );
}

function CommentBox({ onPost }: { onPost(text: string, internal: boolean): Promise<void> }) {
  const { t } = useTicketWords();
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(true);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const post = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setState('busy');
    try {
      await onPost(text.trim(), internal);
      setText('');
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <form className="comment-box" onSubmit={(e) => void post(e)}>
      <textarea
        aria-label={t('comment')}
        placeholder={t('comment')}
        rows={3}
        value={text}
        maxLength={10000}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row">
        <label>
          <input type="radio" checked={internal} onChange={() => setInternal(true)} /> {t('internal')}
        </label>
        <label>
          <input type="radio" checked={!internal} onChange={() => setInternal(false)} /> {t('reply')}
        </label>
        <button type="submit" className="primary" disabled={!text.trim() || state === 'busy'}>
          {t('post')}
        </button>
        {state === 'failed' && (
          <span className="error" role="alert">
            {t('saveFailed')}
          </span>
        )}
      </div>
    </form>
  );
}
