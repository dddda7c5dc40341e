import type { LocalText } from '../text';
import { localTime } from '../clock';

export interface FactDeclaration {
  label: LocalText;
  /**
   * The first path segments a rule may name (`attributes` allows any key below it); null when the
   * fact is a plain value read without a path. `vars` takes any variable name.
   */
  paths: readonly string[] | 'variable' | null;
}

/** The named facts rules read. The compiler refuses any other name. */
export const RULE_FACTS: Readonly<Record<string, FactDeclaration>> = {
  // `sensitive`: the categories of the owner's sensitive words found in it (docs/sensitive-words.md).
  message: { label: { en: "Customer's latest message", zh: '客户最新消息' }, paths: ['text', 'sensitive'] },
  channel: { label: { en: 'Channel', zh: '渠道' }, paths: null },
  contact: {
    label: { en: 'Contact', zh: '联系人' },
    paths: ['name', 'email', 'phone', 'tags', 'attributes'],
  },
  vars: { label: { en: 'Flow variable', zh: '流程变量' }, paths: 'variable' },
  ticket: {
    label: { en: 'Ticket', zh: '工单' },
    paths: ['id', 'number', 'subject', 'status', 'priority', 'tags'],
  },
  time: { label: { en: 'Time of day', zh: '时间' }, paths: ['hour', 'minute', 'weekday', 'date'] },
  businessHours: { label: { en: 'Business hours', zh: '营业时间' }, paths: ['open'] },
  conversation: { label: { en: 'Conversation', zh: '会话' }, paths: ['id', 'channel', 'resolvedAt'] },
  resolvedBy: { label: { en: 'Resolved by (agent)', zh: '解决人（客服）' }, paths: ['id', 'name'] },
};

/** A rule `path`: `$` then plain property names, nothing JSONPath could evaluate. */
export const PLAIN_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** The values rules see, built from the run's facts, its variables and the flow's clock. */
export function ruleFacts(input: {
  facts: Record<string, unknown>;
  vars: Record<string, unknown>;
  now: number;
}): Record<string, unknown> {
  const { facts } = input;
  const workspace = facts.workspace as { timeZone?: unknown } | undefined;
  const timeZone = typeof workspace?.timeZone === 'string' ? workspace.timeZone : 'UTC';
  return {
    message: { sensitive: [], ...((facts.message as object | undefined) ?? { text: '' }) },
    channel: facts.channel ?? '',
    contact: facts.contact ?? {},
    vars: input.vars,
    ticket: facts.ticket ?? {},
    time: localTime(input.now, timeZone) ?? localTime(input.now, 'UTC'),
    businessHours: facts.businessHours ?? {},
    conversation: facts.conversation ?? {},
    resolvedBy: facts.resolvedBy ?? {},
  };
}

/** Reads `$.a.b` from a value by own properties only (json-rules-engine's `pathResolver`). */
export function readPlainPath(value: unknown, path: string): unknown {
  if (!PLAIN_PATH.test(path)) return undefined;
  let current = value;
  for (const key of path.slice(2).split('.')) {
    if (
      current === null ||
      typeof current !== 'object' ||
      !Object.prototype.hasOwnProperty.call(current, key)
    )
      return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
