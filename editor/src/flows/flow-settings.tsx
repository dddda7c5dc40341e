import { FLOW_KINDS, type FlowKind } from '@kefu/schemas';
import type { FlowVariable } from './draft';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import { selectKind, selectVariables } from './selectors';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The flow's own settings, shown when no node is selected: its kind and the variables it declares. */
export function FlowSettings() {
  const { t } = useT();
  const kind = useFlowStore(selectKind);
  const variables = useFlowStore(selectVariables);
  const description = useFlowStore((s) => s.description ?? '');
  const { setMeta, setVariables } = useFlowStore.getState();
  const update = (i: number, patch: Partial<FlowVariable>) =>
    setVariables(variables.map((v, j) => (j === i ? withDefault({ ...v, ...patch }) : v)));

  return (
    <section className="flow-settings" aria-label={t('flowSettings')}>
      <h2>{t('flowSettings')}</h2>
      <label>
        {t('kind')}
        <select value={kind} onChange={(e) => setMeta({ kind: e.target.value as FlowKind })}>
          {FLOW_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('description')}
        <textarea
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setMeta({ description: e.target.value })}
        />
      </label>
      <h3>{t('variables')}</h3>
      <p className="muted small">{t('variablesHint')}</p>
      <ul className="variables">
        {variables.map((v, i) => (
          <li key={i}>
            <input
              aria-label={t('variableName')}
              aria-invalid={!VARIABLE_NAME.test(v.name)}
              value={v.name}
              maxLength={64}
              onChange={(e) => update(i, { name: e.target.value })}
            />
            <input
              aria-label={t('defaultValue')}
              placeholder={t('defaultValue')}
              value={v.default === undefined ? '' : String(v.default)}
              onChange={(e) => update(i, { default: e.target.value })}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={t('removeVariable')}
              onClick={() => setVariables(variables.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => setVariables([...variables, { name: `var${variables.length + 1}` }])}
      >
        + {t('addVariable')}
      </button>
    </section>
  );
}

/** An empty default means "no default" (the variable is unset until a node sets it). */
function withDefault(v: FlowVariable): FlowVariable {
  if (v.default !== '') return v;
  const { default: _unset, ...rest } = v;
  return rest;
}
