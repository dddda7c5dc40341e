import { RULE_FACTS, RULE_OPERATORS, type RuleComparison, type RuleCondition } from '@kefu/nodes';
import { useT } from './i18n';
import { PatternPicker } from './pattern-picker';

type Group = { all: Member[] } | { any: Member[] };
type Member = RuleComparison | { all: RuleComparison[] } | { any: RuleComparison[] };

export interface RuleBuilderProps {
  value: RuleCondition | undefined;
  onChange(value: RuleCondition): void;
  /** Element id of the rule; each control's id extends it with the compiler's field path (`_all_0_fact`). */
  idPrefix: string;
  /** Flow variables the owner can compare (fact "vars"). */
  variables: readonly string[];
}

export const NEW_COMPARISON: RuleComparison = {
  fact: 'message',
  path: '$.text',
  operator: 'containsText',
  value: '',
};

/**
 * Builds a json-rules-engine condition from the catalog's facts and operators: an all/any group of
 * comparisons, each row a fact, its field, an operator and a value typed for that operator, plus
 * one level of nested groups (what the rule schema allows).
 */
export function RuleBuilder({ value, onChange, idPrefix, variables }: RuleBuilderProps) {
  const group: Group = isGroup(value) ? value : { all: [NEW_COMPARISON] };
  return (
    <div className="rule-builder" role="group" aria-label="Rule">
      <GroupEditor
        group={group}
        onChange={(g) => onChange(g as RuleCondition)}
        id={idPrefix}
        variables={variables}
        nested={false}
      />
      <datalist id={`${idPrefix}-variables`}>
        {variables.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </div>
  );
}

function GroupEditor(props: {
  group: Group | { all: RuleComparison[] } | { any: RuleComparison[] };
  onChange(group: Group): void;
  onRemove?(): void;
  id: string;
  variables: readonly string[];
  nested: boolean;
}) {
  const { t } = useT();
  const { group, onChange, id, variables, nested } = props;
  // Test the arrays, not the keys: forms may carry `{ all: [...], any: undefined }`.
  const mode: 'all' | 'any' = Array.isArray((group as { all?: unknown }).all) ? 'all' : 'any';
  const members: Member[] = ((group as Record<string, Member[] | undefined>)[mode] ?? []).filter(
    (m): m is Member => m !== null && typeof m === 'object',
  );
  const set = (next: Member[], nextMode = mode) =>
    onChange((nextMode === 'all' ? { all: next } : { any: next }) as Group);

  return (
    <div className={`rule-group${nested ? ' rule-group-nested' : ''}`}>
      <div className="rule-group-head">
        <select
          id={id}
          aria-label={t('all') + ' / ' + t('any')}
          value={mode}
          onChange={(e) => set(members, e.target.value as 'all' | 'any')}
        >
          <option value="all">{t('all')}</option>
          <option value="any">{t('any')}</option>
        </select>
        {props.onRemove && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('removeCondition')}
            onClick={props.onRemove}
          >
            ×
          </button>
        )}
      </div>
      <ol className="rule-members">
        {members.map((member, i) => {
          const memberId = `${id}_${mode}_${i}`;
          const replace = (next: Member) => set(members.map((m, j) => (j === i ? next : m)));
          const remove = members.length > 1 ? () => set(members.filter((_, j) => j !== i)) : undefined;
          return (
            <li key={i}>
              {!isGroup(member) ? (
                <ComparisonRow
                  comparison={member as RuleComparison}
                  onChange={replace}
                  onRemove={remove}
                  id={memberId}
                  variables={variables}
                  listId={`${rootOf(id)}-variables`}
                />
              ) : (
                <GroupEditor
                  group={member}
                  onChange={(g) => replace(g as Member)}
                  onRemove={remove}
                  id={memberId}
                  variables={variables}
                  nested
                />
              )}
            </li>
          );
        })}
      </ol>
      <div className="rule-actions">
        <button type="button" onClick={() => set([...members, { ...NEW_COMPARISON }])}>
          + {t('addCondition')}
        </button>
        {!nested && (
          <button type="button" onClick={() => set([...members, { any: [{ ...NEW_COMPARISON }] }])}>
            + {t('addGroup')}
          </button>
        )}
      </div>
    </div>
  );
}

/** A group the builder can draw: `{ all: [...] }` or `{ any: [...] }`; anything else starts a new rule. */
export function isGroup(value: unknown): value is Group {
  if (value === null || typeof value !== 'object') return false;
  const list = (value as { all?: unknown; any?: unknown }).all ?? (value as { any?: unknown }).any;
  return Array.isArray(list);
}

const rootOf = (id: string) => id.replace(/(_(all|any)_\d+)+$/, '');

function ComparisonRow(props: {
  comparison: RuleComparison;
  onChange(c: RuleComparison): void;
  onRemove?(): void;
  id: string;
  variables: readonly string[];
  listId: string;
}) {
  const { t, lt } = useT();
  const { comparison: c, onChange, id } = props;
  const fact = RULE_FACTS[c.fact];
  const operator = RULE_OPERATORS[c.operator];

  const setFact = (name: string) => {
    const paths = RULE_FACTS[name]?.paths;
    const path =
      paths === null || paths === undefined
        ? undefined
        : paths === 'variable'
          ? '$.' + (props.variables[0] ?? '')
          : `$.${paths[0]}`;
    const next: RuleComparison = { fact: name, operator: c.operator, value: c.value };
    onChange(path === undefined ? next : { ...next, path });
  };
  const setOperator = (name: string) =>
    onChange({ ...c, operator: name, value: coerce(c.value, RULE_OPERATORS[name]?.value ?? 'any') });

  return (
    <div className="rule-row">
      <select
        id={`${id}_fact`}
        aria-label={t('fact')}
        value={c.fact}
        onChange={(e) => setFact(e.target.value)}
      >
        {!fact && <option value={c.fact}>{c.fact}</option>}
        {Object.entries(RULE_FACTS).map(([name, f]) => (
          <option key={name} value={name}>
            {lt(f.label)}
          </option>
        ))}
      </select>
      <PathInput {...props} />
      <select
        id={`${id}_operator`}
        aria-label={t('operator')}
        value={c.operator}
        onChange={(e) => setOperator(e.target.value)}
      >
        {!operator && <option value={c.operator}>{c.operator}</option>}
        {Object.entries(RULE_OPERATORS).map(([name, op]) => (
          <option key={name} value={name}>
            {lt(op.label)}
          </option>
        ))}
      </select>
      {operator?.input === 'pattern' ? (
        <PatternPicker
          id={`${id}_value`}
          label={t('value')}
          value={c.value}
          onChange={(value) => onChange({ ...c, value })}
        />
      ) : (
        <ValueInput
          id={`${id}_value`}
          value={c.value}
          kind={operator?.value ?? 'any'}
          onChange={(value) => onChange({ ...c, value })}
        />
      )}
      {props.onRemove && (
        <button
          type="button"
          className="icon-button"
          aria-label={t('removeCondition')}
          onClick={props.onRemove}
        >
          ×
        </button>
      )}
    </div>
  );
}

function PathInput({ comparison: c, onChange, id, listId }: Parameters<typeof ComparisonRow>[0]) {
  const { t } = useT();
  const paths = RULE_FACTS[c.fact]?.paths;
  // Keeps the row's grid (fact | field, operator | value) when a fact has no field.
  if (paths === null || paths === undefined) return <span className="rule-path" aria-hidden="true" />;
  const setPath = (path: string) => onChange({ ...c, path });
  if (paths === 'variable')
    return (
      <input
        id={`${id}_path`}
        aria-label={t('variableName')}
        list={listId}
        placeholder={t('variableName')}
        value={(c.path ?? '').replace(/^\$\.?/, '')}
        onChange={(e) => setPath(`$.${e.target.value.trim()}`)}
      />
    );
  const first = (c.path ?? '').replace(/^\$\./, '').split('.')[0] ?? '';
  return (
    <span className="rule-path">
      <select
        id={`${id}_path`}
        aria-label={t('field')}
        value={first}
        onChange={(e) => setPath(`$.${e.target.value}${e.target.value === 'attributes' ? '.' : ''}`)}
      >
        {!paths.includes(first) && <option value={first}>{c.path}</option>}
        {paths.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      {first === 'attributes' && (
        <input
          aria-label={t('field') + ' (attributes)'}
          placeholder="plan"
          value={(c.path ?? '').replace(/^\$\.attributes\.?/, '')}
          onChange={(e) => setPath(`$.attributes.${e.target.value.trim()}`)}
        />
      )}
    </span>
  );
}

type Scalar = string | number | boolean;

function ValueInput({
  id,
  value,
  kind,
  onChange,
}: {
  id: string;
  value: RuleComparison['value'];
  kind: string;
  onChange(v: RuleComparison['value']): void;
}) {
  const { t } = useT();
  if (kind === 'number')
    return (
      <input
        id={id}
        type="number"
        aria-label={t('value')}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
      />
    );
  if (kind === 'list')
    return (
      <input
        id={id}
        aria-label={`${t('value')} (${t('listHint')})`}
        placeholder={t('listHint')}
        value={Array.isArray(value) ? value.join(', ') : String(value ?? '')}
        onChange={(e) => onChange(toList(e.target.value))}
      />
    );
  if (kind === 'text')
    return (
      <input
        id={id}
        aria-label={t('value')}
        value={typeof value === 'string' ? value : String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  // "equals" and friends compare with any scalar: the owner says which type it is.
  const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
  return (
    <span className="rule-value">
      <select
        aria-label={t('value') + ' type'}
        value={type}
        onChange={(e) => onChange(convert(value as Scalar, e.target.value))}
      >
        <option value="text">abc</option>
        <option value="number">123</option>
        <option value="boolean">yes/no</option>
      </select>
      {type === 'boolean' ? (
        <select
          id={id}
          aria-label={t('value')}
          value={String(value)}
          onChange={(e) => onChange(e.target.value === 'true')}
        >
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          id={id}
          type={type === 'number' ? 'number' : 'text'}
          aria-label={t('value')}
          value={Array.isArray(value) ? value.join(', ') : String(value)}
          onChange={(e) => onChange(type === 'number' ? Number(e.target.value) : e.target.value)}
        />
      )}
    </span>
  );
}

function convert(value: Scalar, type: string): Scalar {
  if (type === 'number') return Number(value) || 0;
  if (type === 'boolean') return value === true || value === 'true';
  return String(value);
}

function toList(text: string): (string | number)[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s));
}

function coerce(value: RuleComparison['value'], kind: string): RuleComparison['value'] {
  if (kind === 'number') return typeof value === 'number' ? value : Number(value) || 0;
  if (kind === 'list') return Array.isArray(value) ? value : value === '' ? [] : toList(String(value));
  if (kind === 'text') return Array.isArray(value) ? value.join(', ') : String(value);
  return Array.isArray(value) ? value.join(', ') : value;
}
