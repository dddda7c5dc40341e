import { useMemo, useState } from 'react';
import type { AnyNodeDefinition } from '@kefu/nodes';
import { CATEGORY_COLOURS, CATEGORY_LABELS, catalogByCategory } from './catalog';
import { useT } from './i18n';
import { NodeIcon } from './node-icon';

/** MIME type of a palette drag; the canvas accepts only this. */
export const NODE_DRAG_TYPE = 'application/x-kefu-node';

/** The node catalog by category, searchable in English and Chinese; drag a node onto the canvas. */
export function Palette({ onAdd }: { onAdd(kind: string): void }) {
  const { t, lt } = useT();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = (def: AnyNodeDefinition) =>
      !q ||
      [
        def.editor.label.en,
        def.editor.label.zh,
        def.editor.description.en,
        def.editor.description.zh,
        def.kind,
      ].some((s) => s.toLowerCase().includes(q));
    return catalogByCategory(matches);
  }, [query]);

  return (
    <aside className="palette" aria-label={t('palette')}>
      <input
        className="palette-search"
        type="search"
        placeholder={t('searchNodes')}
        aria-label={t('searchNodes')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="palette-hint">{t('dragHint')}</p>
      {groups.length === 0 && <p className="empty">{t('noMatch')}</p>}
      {groups.map((group) => (
        <section key={group.category} className="palette-group">
          <h3 style={{ color: CATEGORY_COLOURS[group.category] }}>{lt(CATEGORY_LABELS[group.category])}</h3>
          <ul>
            {group.nodes.map((def) => (
              <li key={def.kind}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  data-kind={def.kind}
                  title={lt(def.editor.description)}
                  style={{ '--cat': CATEGORY_COLOURS[def.category] } as React.CSSProperties}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_DRAG_TYPE, def.kind);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  // Keyboard and click users add the node at the centre of the view.
                  onClick={() => onAdd(def.kind)}
                >
                  <NodeIcon name={def.editor.icon} size={15} />
                  <span>{lt(def.editor.label)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
