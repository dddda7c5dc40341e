import {
  PATTERN_PRESETS,
  PRESET_PREFIX,
  RULE_FACTS,
  RULE_OPERATORS,
  type FieldWidget,
  type RuleComparison,
} from '@kefu/nodes';
import type { Lang } from './i18n';
import { isGroup } from './rule-builder';

const MAX = 70;
const clip = (text: string) => (text.length > MAX ? `${text.slice(0, MAX)}…` : text);

/**
 * One line for the node card, from the catalog's field hints: the first filled message text, or
 * the first rule in words ("Contact tags list contains vip +1"). Generic: no node kind is named.
 */
export function nodeSummary(
  fields: Readonly<Record<string, FieldWidget>> | undefined,
  config: Record<string, unknown>,
  lang: Lang,
): string | undefined {
  for (const [key, widget] of Object.entries(fields ?? {})) {
    const value = config[key];
    if (widget === 'template' && typeof value === 'string' && value.trim()) return clip(value);
    if (widget === 'rule' && isGroup(value)) return clip(describeRule(value, lang));
  }
  return undefined;
}

function describeRule(rule: { all: unknown[] } | { any: unknown[] }, lang: Lang): string {
  const members = 'all' in rule && Array.isArray(rule.all) ? rule.all : (rule as { any: unknown[] }).any;
  const first = members.find(
    (m): m is RuleComparison => !isGroup(m) && typeof m === 'object' && m !== null && 'fact' in m,
  );
  if (!first) return '';
  const fact = RULE_FACTS[first.fact]?.label[lang] ?? first.fact;
  const field = first.path ? ` ${first.path.replace(/^\$\./, '')}` : '';
  const operator = RULE_OPERATORS[first.operator]?.label[lang] ?? first.operator;
  const value = Array.isArray(first.value) ? first.value.join(', ') : presetName(String(first.value), lang);
  const more = members.length > 1 ? ` +${members.length - 1}` : '';
  return `${fact}${field} ${operator} ${value}${more}`;
}

/** A pattern preset by its name in `lang` (`preset:order-number` → "Order number (QY + 8 digits)"). */
function presetName(value: string, lang: Lang): string {
  const name = value.startsWith(PRESET_PREFIX) ? value.slice(PRESET_PREFIX.length) : '';
  return name && Object.hasOwn(PATTERN_PRESETS, name) ? (PATTERN_PRESETS[name]?.label[lang] ?? value) : value;
}
