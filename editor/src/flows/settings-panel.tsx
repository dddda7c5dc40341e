import { useMemo } from 'react';
import { findNode } from '@kefu/nodes';
import { CATEGORY_COLOURS } from './catalog';
import { FlowSettings } from './flow-settings';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import { knownVariables, VariablesContext } from './known-variables';
import { NodeIcon } from './node-icon';
import { NodeSettingsForm } from './node-settings-form';
import {
  selectNodes,
  selectReadOnly,
  selectSelectionCount,
  selectSoleSelectedId,
  selectVariables,
} from './selectors';

const NO_PROBLEMS: never[] = [];

/** Settings of the one selected node; a hint when none or several are selected. */
export function SettingsPanel() {
  const { t, lt } = useT();
  const id = useFlowStore(selectSoleSelectedId);
  const count = useFlowStore(selectSelectionCount);
  const data = useFlowStore((s) => (id ? s.nodes.find((n) => n.id === id)?.data : undefined));
  const problems = useFlowStore((s) => (id ? s.problemsByNode[id] : undefined)) ?? NO_PROBLEMS;
  const focus = useFlowStore((s) => (s.focus && s.focus.nodeId === id ? s.focus : null));
  const nodes = useFlowStore(selectNodes);
  const declared = useFlowStore(selectVariables);
  const readOnly = useFlowStore(selectReadOnly);
  // Recomputed when nodes change; cheap (one `defines` call per port).
  const variables = useMemo(() => knownVariables({ nodes, variables: declared }), [nodes, declared]);
  const def = data ? findNode(data.type) : undefined;

  if (!id || !data) {
    return (
      <aside className="settings" aria-label={t('settings')}>
        <p className="empty">{count > 1 ? `${count} ${t('manySelected')}` : t('selectNode')}</p>
        {count === 0 && (
          <fieldset className="plain" disabled={readOnly}>
            <FlowSettings />
          </fieldset>
        )}
      </aside>
    );
  }
  const { updateConfig, updateCaption, clearFocus } = useFlowStore.getState();
  return (
    <aside className="settings" aria-label={t('settings')} data-testid="settings">
      <header
        className="settings-head"
        style={{ '--cat': def ? CATEGORY_COLOURS[def.category] : '#ef4444' } as React.CSSProperties}
      >
        <NodeIcon name={def?.editor.icon ?? 'box'} size={18} />
        <div>
          <h2>{def ? lt(def.editor.label) : data.type}</h2>
          {def && <p>{lt(def.editor.description)}</p>}
        </div>
      </header>
      {/* A disabled fieldset disables every control inside, the generated form's too. */}
      <fieldset className="plain" disabled={readOnly}>
        <label className="settings-caption">
          {t('caption')}
          <input
            value={data.label ?? ''}
            maxLength={120}
            onChange={(e) => updateCaption(id, e.target.value)}
          />
        </label>
        {def ? (
          <VariablesContext.Provider value={variables}>
            <NodeSettingsForm
              key={`${id}`}
              def={def}
              config={data.config}
              onChange={(config) => updateConfig(id, config)}
              problems={problems}
              focus={focus}
              onFocused={clearFocus}
            />
          </VariablesContext.Provider>
        ) : (
          <p className="error">Unknown node type "{data.type}"</p>
        )}
      </fieldset>
    </aside>
  );
}
