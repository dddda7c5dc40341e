import { renderTemplate } from '@kefu/nodes';
import { useEffect, useId, useState } from 'react';
import type { CannedReply } from './inbox-api';
import { useInboxWords } from './words';

/**
 * Search the workspace's canned replies and insert one into the composer with its variables
 * (`{{contact.name}}`, `{{agent.name}}`) filled in from `scope`. Logic-less templates: nothing in
 * a reply is interpreted but those placeholders.
 */
export function CannedPicker({
  search,
  scope,
  onPick,
  onClose,
}: {
  search(query: string): Promise<CannedReply[]>;
  scope: Record<string, unknown>;
  onPick(text: string): void;
  onClose(): void;
}) {
  const { t } = useInboxWords();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<
    { state: 'loading' | 'failed' } | { state: 'ready'; items: CannedReply[] }
  >({ state: 'loading' });
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    search(query.trim()).then(
      (items) => current && setResult({ state: 'ready', items: filterReplies(items, query) }),
      () => current && setResult({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [query, search]);

  const items = result.state === 'ready' ? result.items : [];
  const pick = (reply: CannedReply) => onPick(renderTemplate(reply.text, scope));
  return (
    <div className="canned-picker" role="dialog" aria-label={t('cannedReplies')}>
      <input
        autoFocus
        type="search"
        aria-label={t('searchCanned')}
        placeholder={t('searchCanned')}
        aria-controls={listId}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
          if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          if (e.key === 'Enter' && items[active]) {
            e.preventDefault();
            pick(items[active]);
          }
        }}
      />
      {result.state === 'loading' && <p className="muted">{t('loading')}</p>}
      {result.state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {result.state === 'ready' && items.length === 0 && <p className="muted">{t('noCanned')}</p>}
      <ul id={listId} className="canned-list" role="listbox" aria-label={t('cannedReplies')}>
        {items.map((reply, i) => (
          <li
            key={reply.id}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(reply)}
          >
            <strong>{reply.title}</strong>
            {reply.shortcut && <span className="muted"> /{reply.shortcut}</span>}
            <div className="canned-preview">{renderTemplate(reply.text, scope)}</div>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {t('close')}
      </button>
    </div>
  );
}

/** The server searches too; this keeps the list right while typing faster than it answers. */
export function filterReplies(items: CannedReply[], query: string): CannedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return items;
  return items.filter((r) =>
    [r.title, r.text, r.shortcut ?? ''].some((field) => field.toLowerCase().includes(q)),
  );
}
