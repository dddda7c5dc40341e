import { useEffect, useMemo, useRef } from 'react';
import type { FieldProps, RegistryFieldsType, RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { renderTemplate, type RuleCondition } from '@kefu/nodes';
import { useT } from './i18n';
import { previewScope, useVariables } from './known-variables';
import { isGroup, NEW_COMPARISON, RuleBuilder } from './rule-builder';
import { PatternPicker } from './pattern-picker';
import { AgentWidget, TeamWidget } from './workspace-pickers';

const PLACEHOLDERS = [
  'contact.name',
  'contact.email',
  'contact.phone',
  'message.text',
  'channel',
  'ticket.id',
  'ticket.subject',
  'workspace.name',
];

/** Message text: a textarea, a picker that inserts `{{placeholder}}` at the cursor, and a live preview. */
function TemplateWidget(props: WidgetProps) {
  const { t } = useT();
  const variables = useVariables();
  const ref = useRef<HTMLTextAreaElement>(null);
  const value = typeof props.value === 'string' ? props.value : '';
  const preview = useMemo(() => renderTemplate(value, previewScope(variables)), [value, variables]);
  const insert = (path: string) => {
    if (!path) return;
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    props.onChange(`${value.slice(0, at)}{{${path}}}${value.slice(end)}`);
  };
  return (
    <div className="template-widget">
      <textarea
        ref={ref}
        id={props.id}
        rows={3}
        value={value}
        required={props.required}
        aria-label={props.label}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        onBlur={() => props.onBlur(props.id, value)}
      />
      <div className="template-tools">
        <select aria-label={t('insertVariable')} value="" onChange={(e) => insert(e.target.value)}>
          <option value="">{`{{ }} ${t('insertVariable')}`}</option>
          {[...PLACEHOLDERS, ...variables.map((v) => `vars.${v}`)].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      {value && (
        <output className="template-preview" aria-label={t('preview')} data-testid="template-preview">
          <span>{t('preview')}:</span> {preview}
        </output>
      )}
    </div>
  );
}

/** A variable name: free text with the flow's known variables suggested. */
function VariableWidget(props: WidgetProps) {
  const variables = useVariables();
  const listId = `${props.id}-known`;
  return (
    <>
      <input
        id={props.id}
        list={listId}
        value={typeof props.value === 'string' ? props.value : ''}
        required={props.required}
        aria-label={props.label}
        placeholder="orderNumber"
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        onBlur={() => props.onBlur(props.id, props.value)}
      />
      <datalist id={listId}>
        {variables.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </>
  );
}

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone')
    : ['UTC', 'Asia/Shanghai'];

function TimeZoneWidget(props: WidgetProps) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={typeof props.value === 'string' ? props.value : ''}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    >
      <option value="" />
      {TIME_ZONES.map((zone) => (
        <option key={zone} value={zone}>
          {zone}
        </option>
      ))}
    </select>
  );
}

/** rjsf adapter for the rule builder: the field id prefixes every control, matching compiler field paths. */
function RuleField(props: FieldProps) {
  const variables = useVariables();
  const { formData, onChange, fieldPathId } = props;
  // A new node has no rule yet: store the first row the builder shows, so what is drawn is what is saved.
  useEffect(() => {
    if (!isGroup(formData)) onChange({ all: [{ ...NEW_COMPARISON }] }, fieldPathId.path);
  }, [formData, onChange, fieldPathId.path]);
  return (
    <fieldset className="rule-field">
      {props.schema.title && <legend>{props.schema.title}</legend>}
      <RuleBuilder
        value={props.formData as RuleCondition | undefined}
        onChange={(value) => props.onChange(value, props.fieldPathId.path)}
        idPrefix={props.fieldPathId.$id}
        variables={variables}
      />
    </fieldset>
  );
}

function PatternWidget(props: WidgetProps) {
  return (
    <PatternPicker
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={(value) => props.onChange(value === '' ? undefined : value)}
    />
  );
}

export const formWidgets: RegistryWidgetsType = {
  template: TemplateWidget,
  variable: VariableWidget,
  timeZone: TimeZoneWidget,
  team: TeamWidget,
  agent: AgentWidget,
  pattern: PatternWidget,
};
export const formFields: RegistryFieldsType = { rule: RuleField };
