import { useEffect, useMemo, useRef } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import type { AnyNodeDefinition } from '@kefu/nodes';
import { formStrings } from './form-strings';
import { formFields, formWidgets } from './form-widgets';
import { useT, type Lang } from './i18n';
import { formValidator } from './precompiled-validators';
import { FORM_ID_PREFIX, fieldElementId, localForm } from './schema-form';

export interface FieldProblem {
  field: string;
  message: { en: string; zh: string };
}

export interface NodeSettingsFormProps {
  def: AnyNodeDefinition;
  config: Record<string, unknown>;
  onChange(config: Record<string, unknown>): void;
  /** The compiler's problems on this node, shown under their fields. */
  problems?: readonly FieldProblem[];
  /** Field to focus (a compiler field path); `seq` changes to ask again. */
  focus?: { field: string; seq: number } | null;
  /** Called once the requested field has focus. */
  onFocused?(): void;
}

/** One node's settings, drawn by rjsf from the node's config schema and the catalog's field hints. */
export function NodeSettingsForm({
  def,
  config,
  onChange,
  problems = [],
  focus,
  onFocused,
}: NodeSettingsFormProps) {
  const { lang } = useT();
  const { schema, uiSchema } = localForm(def, lang);
  const translate = useMemo(() => formStrings(lang), [lang]);
  const extraErrors = useMemo(() => errorSchemaOf(problems, lang), [problems, lang]);
  const root = useRef<HTMLDivElement>(null);
  const latest = useRef(config);
  latest.current = config;

  useEffect(() => {
    if (!focus || !root.current) return;
    const target = focusTarget(root.current, focus.field);
    target?.focus();
    target?.scrollIntoView?.({ block: 'nearest' });
    onFocused?.();
  }, [focus, onFocused]);

  return (
    <div ref={root} className="node-settings-form">
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={config}
        validator={formValidator(def, lang)}
        widgets={formWidgets}
        fields={formFields}
        idPrefix={FORM_ID_PREFIX}
        translateString={translate}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => {
          const next = (e.formData ?? {}) as Record<string, unknown>;
          // rjsf reports its own default-filling as a change; only real edits reach the store.
          if (!sameValue(next, latest.current)) onChange(next);
        }}
      />
    </div>
  );
}

/** Deep equality that ignores key order and undefined members (rjsf re-orders and adds them). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    );
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  return (
    ka.length === keys(b).length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The closest element for a field path: `/rule/all/0/value`, else `/rule/all/0`, else `/rule`… */
function focusTarget(root: HTMLElement, field: string): HTMLElement | null {
  const parts = field.split('/').filter(Boolean);
  for (let n = parts.length; n > 0; n -= 1) {
    const el = root.ownerDocument.getElementById(fieldElementId('/' + parts.slice(0, n).join('/')));
    if (el && root.contains(el))
      return el.matches('input, select, textarea, button')
        ? el
        : (el.querySelector<HTMLElement>('input, select, textarea') ?? el);
  }
  return root.querySelector<HTMLElement>('input, select, textarea');
}

function errorSchemaOf(problems: readonly FieldProblem[], lang: Lang): ErrorSchema {
  const out: Record<string, unknown> = {};
  for (const p of problems) {
    if (p.field.startsWith('/ports/') || p.field.startsWith('/nodes/') || p.field.startsWith('/edges/'))
      continue;
    let at = out;
    for (const key of p.field.split('/').filter(Boolean)) at = (at[key] ??= {}) as Record<string, unknown>;
    ((at.__errors ??= []) as string[]).push(p.message[lang]);
  }
  return out as ErrorSchema;
}
