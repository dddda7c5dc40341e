import type { TicketEventWire } from '@kefu/schemas/api';
import type { Named } from '../shared/directory';
import { useTicketWords } from './words';

/** Every change of a ticket, oldest first: who did what, from what to what. Values shown as text. */
export function TicketTimeline({
  events,
  people,
  meId,
}: {
  events: TicketEventWire[];
  people: Named[];
  meId: string;
}) {
  const { t, lang } = useTicketWords();
  if (events.length === 0) return <p className="muted">{t('noEvents')}</p>;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const actor = (e: TicketEventWire) => {
    if (e.actor.type === 'user')
      return e.actor.userId === meId
        ? t('you')
        : (people.find((p) => p.id === e.actor.userId)?.name ?? t('actorUser'));
    return t(
      e.actor.type === 'flow' ? 'actorFlow' : e.actor.type === 'customer' ? 'actorCustomer' : 'actorSystem',
    );
  };
  const verb = {
    created: t('evCreated'),
    changed: t('evChanged'),
    reply: t('evReply'),
    note: t('evNote'),
    'first-response': t('evFirstResponse'),
    csat: t('evCsat'),
  } as const;
  return (
    <ol className="timeline" aria-label={t('timeline')}>
      {events.map((e) => (
        <li key={e.id} className={`timeline-${e.kind}`} data-kind={e.kind}>
          <time dateTime={e.at}>{when(e.at)}</time>
          <span>
            <strong>{actor(e)}</strong> {verb[e.kind]}
            {e.kind === 'changed' && e.field && (
              <>
                {' '}
                <code>{e.field}</code>: <del>{show(e.from, t('empty'))}</del> →{' '}
                <ins>{show(e.to, t('empty'))}</ins>
              </>
            )}
            {e.kind === 'csat' && <> {show(e.to, '')}/5</>}
          </span>
          {e.text && <p className="timeline-text">{e.text}</p>}
        </li>
      ))}
    </ol>
  );
}

function show(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty;
  if (Array.isArray(value)) return value.join(', ') || empty;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
