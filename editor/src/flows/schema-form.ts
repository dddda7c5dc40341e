import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { OPTION_LABELS, ruleConditionSchema, type AnyNodeDefinition } from '@kefu/nodes';
import { pickLang, type Lang } from './i18n';

export interface LocalForm {
  schema: RJSFSchema;
  uiSchema: UiSchema;
}

const cache = new Map<string, LocalForm>();

/**
 * A node's config schema ready for the form: titles and descriptions in one language (the catalog
 * writes "English / 中文"), and a uiSchema from the catalog's field hints plus the rule builder for
 * every rule (found by identity with the shared rule schema, wherever it sits: `rule`, `cases[].when`).
 */
export function localForm(def: AnyNodeDefinition, lang: Lang): LocalForm {
  const key = `${def.kind}:${lang}`;
  let form = cache.get(key);
  if (!form) {
    const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
    const schema = localize(def.schema, lang, uiSchema) as RJSFSchema;
    for (const [field, widget] of Object.entries(def.editor.fields ?? {})) {
      const entry = (uiSchema[field] ??= {}) as UiSchema;
      if (widget === 'rule') entry['ui:field'] = 'rule';
      else if (widget === 'template' || widget === 'textarea')
        entry['ui:widget'] = widget === 'template' ? 'template' : 'textarea';
      else if (widget === 'variable') entry['ui:widget'] = 'variable';
      else if (widget === 'time-zone') entry['ui:widget'] = 'timeZone';
      else if (widget === 'team' || widget === 'agent' || widget === 'pattern') entry['ui:widget'] = widget;
    }
    form = { schema, uiSchema };
    cache.set(key, form);
  }
  return form;
}

function localize(schema: unknown, lang: Lang, ui: UiSchema): unknown {
  if (Array.isArray(schema)) return schema.map((s) => localize(s, lang, {}));
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema === ruleConditionSchema) {
    // The rule builder draws the whole rule; left as anyOf, rjsf would add its own option picker.
    ui['ui:field'] = 'rule';
    return { type: 'object', title: pickLang(ruleConditionSchema.title, lang) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((key === 'title' || key === 'description') && typeof value === 'string')
      out[key] = pickLang(value, lang);
    else if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          localize(sub, lang, (ui[name] ??= {}) as UiSchema),
        ]),
      );
    } else if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = localize(value, lang, (ui.items ??= {}) as UiSchema);
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') {
      out[key] = value;
      // Stored values (`least-loaded`, `mon`) shown by their labels in the UI language.
      if (
        key === 'enum' &&
        Array.isArray(value) &&
        value.every((v) => typeof v === 'string' && Object.hasOwn(OPTION_LABELS, v))
      )
        ui['ui:enumNames'] = value.map((v: string) => OPTION_LABELS[v]![lang]);
    } else out[key] = localize(value, lang, {});
  }
  return out;
}

/** Form element id of a compiler field path (`/cases/0/when` → `cfg_cases_0_when`): the focus target for a problem. */
export const FORM_ID_PREFIX = 'cfg';
export function fieldElementId(field: string): string {
  return [FORM_ID_PREFIX, ...field.split('/').filter(Boolean)].join('_');
}
