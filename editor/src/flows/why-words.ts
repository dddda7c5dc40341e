import { RULE_OPERATORS } from '@kefu/nodes';
import type { ComparisonTrace, RuleTrace, StepWhy, WhyValue } from '@kefu/schemas';
import type { Lang } from './i18n';

/** A step's why-trace in plain words: one line for the canvas, the rest for the step's panel. */
export interface WhyText {
  summary: string;
  details: string[];
  /** The branches not taken and why, when the step had some. */
  notTaken?: string;
}

/** How a port is named to the reader: its label in the version the run ran on. */
export type PortLabel = (port: string) => string;

/**
 * Words for a why-trace, in English and Chinese. Values are shown as recorded (cut with `…`,
 * `+N` for list items left out); a port by its label, quoted.
 */
export function describeWhy(why: StepWhy, lang: Lang, port: string | null, portLabel: PortLabel): WhyText {
  const w = WORDS[lang];
  const took = port === null ? '' : w.took(quote(portLabel(port), lang));
  switch (why.kind) {
    case 'condition': {
      const only = singleComparison(why.rule);
      const decisive = only ? null : decisiveComparison(why.rule);
      const summary = only
        ? `${w.condition}${w.colon}${comparisonText(only, lang)}${took}`
        : `${w.condition}${w.colon}${groupHead(why.rule, lang)} → ${result(why.result, lang)}${decisive ? w.paren(comparisonText(decisive, lang)) : ''}${took}`;
      return {
        summary,
        details: only ? [] : ruleLines(why.rule, lang, ''),
        ...notTakenText(why.notTaken, lang, portLabel),
      };
    }
    case 'switch': {
      const matched = why.cases.find((c) => c.result === true);
      const summary = `${w.switchNode}${w.colon}${matched ? w.caseMatched(quote(matched.label, lang)) : w.noCase}${took}`;
      const details = why.cases.flatMap((c) => {
        const head = `${w.caseWord} ${quote(c.label, lang)}`;
        if (c.result === null) return [`${head}${w.colon}${w.notChecked}`];
        if (!c.rule) return [`${head} → ${result(c.result, lang)}`];
        const only = singleComparison(c.rule);
        return only
          ? [`${head}${w.colon}${comparisonText(only, lang)}`]
          : [
              `${head}${w.colon}${groupHead(c.rule, lang)} → ${result(c.result, lang)}`,
              ...ruleLines(c.rule, lang, '  '),
            ];
      });
      return { summary, details, ...notTakenText(why.notTaken, lang, portLabel) };
    }
    case 'knowledge':
      return { ...knowledgeText(why, lang, took), ...notTakenText(why.notTaken, lang, portLabel) };
    case 'routing':
      return routingText(why, lang, took);
  }
}

function knowledgeText(why: Extract<StepWhy, { kind: 'knowledge' }>, lang: Lang, took: string): WhyText {
  const w = WORDS[lang];
  const details = why.query ? [w.asked(quote(why.query, lang))] : [];
  if (why.outcome === 'no-message') return { summary: `${w.kb}${w.colon}${w.noMessage}${took}`, details: [] };
  if (why.outcome === 'no-match' || !why.best)
    return { summary: `${w.kb}${w.colon}${w.noArticle} → ${w.noAnswer}${took}`, details };
  const score = (n: number) => n.toFixed(2);
  const confident = why.outcome === 'confident';
  const compare =
    why.threshold === undefined
      ? `${score(why.best.confidence)}`
      : `${score(why.best.confidence)} ${confident ? '≥' : '<'} ${w.threshold} ${score(why.threshold)}`;
  const runnerUp = why.runnerUp
    ? `${w.sep}${w.runnerUp} ${quote(why.runnerUp.question, lang)} ${score(why.runnerUp.confidence)}`
    : '';
  return {
    summary: `${w.kb}${w.colon}${quote(why.best.question, lang)} ${compare}${runnerUp} → ${confident ? w.answered : w.noAnswer}${took}`,
    details,
  };
}

function routingText(why: Extract<StepWhy, { kind: 'routing' }>, lang: Lang, took: string): WhyText {
  const w = WORDS[lang];
  const nameOf = (id: string) => why.candidates.find((c) => c.agentId === id)?.name ?? id;
  const head = `${w.routing}${w.paren(w.strategies[why.strategy as keyof typeof w.strategies] ?? why.strategy)}`;
  const outcome = why.acceptedBy
    ? w.acceptedBy(nameOf(why.acceptedBy))
    : why.waitedMinutes !== undefined
      ? w.notAccepted(why.offeredTo ? nameOf(why.offeredTo) : '', why.waitedMinutes)
      : why.offeredTo
        ? w.offeredTo(nameOf(why.offeredTo))
        : w.noAgent[why.noAgent ?? 'nobody-eligible'];
  const details = why.candidates.map((c) => {
    const who = c.name ?? c.agentId;
    const load = `${c.load}/${c.maxConcurrent}`;
    const reason =
      c.outcome === 'lacks-skill'
        ? w.lacksSkill((c.missingSkills ?? []).join(', '))
        : `${w.outcomes[c.outcome]}`;
    return `${who}${w.colon}${reason}${w.paren(`${w.load} ${load}`)}`;
  });
  if (why.candidatesMore) details.push(w.more(why.candidatesMore));
  if (why.skills?.length) details.unshift(`${w.skillsNeeded}${w.colon}${why.skills.join(', ')}`);
  return { summary: `${head}${w.colon}${outcome}${took}`, details };
}

/** The one comparison of a rule with no nested group, if that is all it has. */
function singleComparison(rule: RuleTrace): ComparisonTrace | null {
  const [first, ...rest] = rule.conditions;
  return first && rest.length === 0 && !rule.omitted && !('conditions' in first) ? first : null;
}

/**
 * The first comparison that settled the rule on its own (a false one of `all`, a true one of `any`),
 * so the one line on the canvas names what decided.
 */
function decisiveComparison(rule: RuleTrace): ComparisonTrace | null {
  const settles = rule.match === 'all' ? false : true;
  if (rule.result !== settles) return null;
  for (const c of rule.conditions) if (!('conditions' in c) && c.result === settles) return c;
  return null;
}

function groupHead(group: Pick<RuleTrace, 'match' | 'conditions' | 'omitted'>, lang: Lang): string {
  const n = group.conditions.length + (group.omitted ?? 0);
  return WORDS[lang].groupOf(group.match, n);
}

function ruleLines(rule: RuleTrace, lang: Lang, indent: string): string[] {
  const lines: string[] = [];
  for (const c of rule.conditions) {
    if ('conditions' in c) {
      lines.push(`${indent}• ${groupHead(c, lang)} → ${result(c.result, lang)}`);
      for (const inner of c.conditions) lines.push(`${indent}    – ${comparisonText(inner, lang)}`);
      if (c.omitted) lines.push(`${indent}    – ${WORDS[lang].more(c.omitted)}`);
    } else lines.push(`${indent}• ${comparisonText(c, lang)}`);
  }
  if (rule.omitted) lines.push(`${indent}• ${WORDS[lang].more(rule.omitted)}`);
  return lines;
}

/** `contact.tags contains 'vip' — saw ['new'] → false` */
export function comparisonText(c: ComparisonTrace, lang: Lang): string {
  const w = WORDS[lang];
  const subject = `${c.fact}${c.path ? c.path.slice(1) : ''}`;
  const operator = Object.hasOwn(RULE_OPERATORS, c.operator) ? RULE_OPERATORS[c.operator] : undefined;
  const label = operator ? operator.label[lang] : c.operator;
  const value = c.value === undefined ? '' : valueText(c.value, c.valueMore);
  // Date-age operators read "is more than … days ago": the value goes where the dots are.
  const test = label.includes('…') ? label.replace('…', value) : `${label} ${value}`.trim();
  const saw =
    c.result === null
      ? w.notEvaluated
      : `${w.saw} ${c.saw === undefined ? w.nothing : valueText(c.saw, c.sawMore)}`;
  return `${subject} ${test} — ${saw}${c.result === null ? '' : ` → ${result(c.result, lang)}`}`;
}

function valueText(value: WhyValue, more?: number): string {
  if (Array.isArray(value))
    return `[${[...value.map(scalarText), ...(more ? [`+${more}`] : [])].join(', ')}]`;
  return scalarText(value);
}

function scalarText(value: string | number | boolean | null): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function result(value: boolean | null, lang: Lang): string {
  const w = WORDS[lang];
  return value === null ? w.notEvaluated : value ? w.yes : w.no;
}

function quote(text: string, lang: Lang): string {
  return lang === 'zh' ? `“${text}”` : `'${text}'`;
}

function notTakenText(
  list: readonly { port: string; reason: keyof (typeof WORDS)['en']['because'] }[],
  lang: Lang,
  portLabel: PortLabel,
): { notTaken?: string } {
  if (list.length === 0) return {};
  const w = WORDS[lang];
  const items = list.map((n) => `${quote(portLabel(n.port), lang)}${w.paren(w.because[n.reason])}`);
  return { notTaken: `${w.notTakenHead}${w.colon}${items.join(w.sep)}` };
}

const WORDS = {
  en: {
    condition: 'Condition',
    switchNode: 'Switch',
    caseWord: 'Case',
    caseMatched: (label: string) => `case ${label} matched`,
    noCase: 'no case matched',
    notChecked: 'not checked, an earlier case matched',
    took: (port: string) => `; took ${port}`,
    colon: ': ',
    sep: '; ',
    paren: (text: string) => ` (${text})`,
    groupOf: (match: 'all' | 'any', n: number) =>
      match === 'all' ? `all of ${n} conditions` : `any of ${n} conditions`,
    saw: 'saw',
    nothing: 'nothing',
    notEvaluated: 'not evaluated',
    yes: 'true',
    no: 'false',
    more: (n: number) => `… and ${n} more`,
    notTakenHead: 'Not taken',
    because: {
      'rule-true': 'the rule was true',
      'rule-false': 'its rule was false',
      'earlier-case-matched': 'an earlier case matched',
      'a-case-matched': 'a case matched',
      confident: 'an answer was confident',
      'below-threshold': 'not confident enough',
      'no-match': 'no article matched',
      'no-message': 'no message to answer',
    },
    kb: 'Knowledge base',
    asked: (q: string) => `Asked: ${q}`,
    threshold: 'threshold',
    runnerUp: 'runner-up',
    answered: 'answered',
    noAnswer: 'no answer',
    noArticle: 'no article matched',
    noMessage: 'no customer message to answer',
    routing: 'Routing',
    strategies: { 'least-loaded': 'least loaded', 'round-robin': 'round robin', skills: 'by skills' },
    offeredTo: (who: string) => `offered to ${who}`,
    acceptedBy: (who: string) => `accepted by ${who}`,
    notAccepted: (who: string, min: number) =>
      `${who ? `offered to ${who}, ` : ''}not accepted within ${min} min`,
    noAgent: {
      'no-team': 'no agent: the team no longer exists',
      'no-members': 'no agent: the team has no members',
      'nobody-eligible': 'no agent could take it',
      'no-conversation': 'no agent: a ticket run has no chat to hand over',
      simulated: 'no agent (simulated: agents offline)',
    },
    outcomes: {
      chosen: 'chosen',
      offline: 'offline',
      away: 'away',
      full: 'full',
      'lacks-skill': 'lacks a skill',
      declined: 'declined it before',
      busier: 'more chats than the chosen agent',
      'not-their-turn': 'not their turn',
    },
    lacksSkill: (skills: string) => `lacks skill ${skills}`,
    load: 'chats',
    skillsNeeded: 'Skills needed',
  },
  zh: {
    condition: '条件',
    switchNode: '多路分支',
    caseWord: '分支',
    caseMatched: (label: string) => `分支${label}匹配`,
    noCase: '没有分支匹配',
    notChecked: '未判断，前面的分支已匹配',
    took: (port: string) => `；走了${port}`,
    colon: '：',
    sep: '；',
    paren: (text: string) => `（${text}）`,
    groupOf: (match: 'all' | 'any', n: number) =>
      match === 'all' ? `${n} 个条件全部满足` : `${n} 个条件任一满足`,
    saw: '实际值',
    nothing: '无',
    notEvaluated: '未判断',
    yes: '成立',
    no: '不成立',
    more: (n: number) => `……另有 ${n} 项`,
    notTakenHead: '未走',
    because: {
      'rule-true': '规则成立',
      'rule-false': '规则不成立',
      'earlier-case-matched': '前面的分支已匹配',
      'a-case-matched': '已有分支匹配',
      confident: '已有足够把握的答案',
      'below-threshold': '把握不足',
      'no-match': '没有匹配的文章',
      'no-message': '没有可回答的消息',
    },
    kb: '知识库',
    asked: (q: string) => `提问：${q}`,
    threshold: '阈值',
    runnerUp: '次佳',
    answered: '已回答',
    noAnswer: '不回答',
    noArticle: '没有匹配的文章',
    noMessage: '没有可回答的客户消息',
    routing: '分配',
    strategies: { 'least-loaded': '最少负载', 'round-robin': '轮流', skills: '按技能' },
    offeredTo: (who: string) => `已分给 ${who}`,
    acceptedBy: (who: string) => `${who} 已接入`,
    notAccepted: (who: string, min: number) => `${who ? `已分给 ${who}，` : ''}${min} 分钟内无人接入`,
    noAgent: {
      'no-team': '无人可分：团队已不存在',
      'no-members': '无人可分：团队没有成员',
      'nobody-eligible': '没有客服能接',
      'no-conversation': '无人可分：工单运行没有可转交的会话',
      simulated: '无人可分（模拟：客服离线）',
    },
    outcomes: {
      chosen: '被选中',
      offline: '离线',
      away: '离开',
      full: '已满',
      'lacks-skill': '缺少技能',
      declined: '之前已拒绝',
      busier: '会话比被选中的客服多',
      'not-their-turn': '未轮到',
    },
    lacksSkill: (skills: string) => `缺少技能 ${skills}`,
    load: '会话',
    skillsNeeded: '所需技能',
  },
} as const;
