import { Engine, type RuleResult, type TopLevelCondition } from 'json-rules-engine';
import { boundedValue, cutText, WHY_LIMITS, type ComparisonTrace, type RuleTrace } from '@kefu/schemas';
import type { RuleCondition } from './rule-schema';
import { ageOperators } from './date-age';
import { readPlainPath } from './facts';
import { textContains, textStartsWith } from './operators';
import { textMatchesPattern } from './patterns';

/** A rule's outcome and how it came to it, for the run history's why-trace. */
export interface RuleOutcome {
  matched: boolean;
  trace: RuleTrace;
}

/**
 * Evaluates one condition with json-rules-engine. Runs inside workflow code: pure, given the facts
 * and the run's clock `now` (date-age operators).
 * The path resolver replaces the engine's JSONPath default, so no owner text ever reaches JSONPath.
 */
export async function evaluateCondition(
  condition: RuleCondition,
  facts: Record<string, unknown>,
  now: number,
): Promise<boolean> {
  return (await evaluateRule(condition, facts, now)).matched;
}

/**
 * As `evaluateCondition`, and also the trace the engine's rule result gives: each comparison with
 * the fact value it saw and its result. One evaluation: the trace is read from the same run.
 * `budget.comparisons` caps the comparisons kept (a switch shares one budget between its cases).
 */
export async function evaluateRule(
  condition: RuleCondition,
  facts: Record<string, unknown>,
  now: number,
  budget: { comparisons: number } = { comparisons: WHY_LIMITS.comparisons },
): Promise<RuleOutcome> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: readPlainPath });
  engine.addOperator('containsText', textContains);
  engine.addOperator('startsWithText', textStartsWith);
  engine.addOperator('matchesPattern', textMatchesPattern);
  engine.addOperator(
    'notMatchesPattern',
    (a: unknown, b: unknown) => typeof a === 'string' && !textMatchesPattern(a, b),
  );
  for (const [name, test] of Object.entries(ageOperators(now))) engine.addOperator(name, test);
  engine.addRule({ conditions: condition as TopLevelCondition, event: { type: 'matched' } });
  const { events, results, failureResults } = await engine.run(facts);
  const matched = events.length > 0;
  const ruleResult: RuleResult | undefined = results[0] ?? failureResults[0];
  const evaluated = ruleResult ? (ruleResult.toJSON(false).conditions as unknown as EvaluatedNode) : null;
  return { matched, trace: traceGroup(evaluated ?? (condition as EvaluatedNode), matched, budget) };
}

/** A node of the engine's evaluated conditions (`toJSON(false)`): a group or a comparison. */
interface EvaluatedNode {
  all?: EvaluatedNode[];
  any?: EvaluatedNode[];
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  result?: boolean;
}

function traceGroup(
  node: EvaluatedNode,
  fallback: boolean | null,
  budget: { comparisons: number },
): RuleTrace {
  const match = node.all ? 'all' : 'any';
  const children = node.all ?? node.any ?? [];
  const conditions: RuleTrace['conditions'] = [];
  let omitted = 0;
  for (const child of children) {
    if (child.all || child.any) {
      const inner = traceGroup(child, null, budget);
      // A group the budget left empty counts as left out here; otherwise it counts its own.
      if (inner.conditions.length > 0) conditions.push(inner as (typeof conditions)[number]);
      else omitted += inner.omitted ?? 0;
    } else if (budget.comparisons > 0) {
      budget.comparisons--;
      conditions.push(traceComparison(child));
    } else omitted++;
  }
  // The engine's JSON keeps results on comparisons only: a group's follows from its members'.
  const results = conditions.map((c) => c.result);
  const derived =
    match === 'all'
      ? results.includes(false)
        ? false
        : results.includes(null) || omitted
          ? null
          : true
      : results.includes(true)
        ? true
        : results.includes(null) || omitted
          ? null
          : false;
  return {
    match,
    result: typeof node.result === 'boolean' ? node.result : (fallback ?? derived),
    conditions,
    ...(omitted > 0 ? { omitted } : {}),
  };
}

function traceComparison(node: EvaluatedNode): ComparisonTrace {
  const value = boundedValue(node.value);
  // Only an evaluated comparison carries `factResult`; undefined there means the fact had no value.
  const saw = node.result === undefined ? {} : boundedValue(node.factResult);
  return {
    fact: cutText(String(node.fact ?? ''), 64),
    ...(node.path ? { path: cutText(node.path, 200) } : {}),
    operator: cutText(String(node.operator ?? ''), 64),
    ...(value.value !== undefined ? { value: value.value } : {}),
    ...(value.more ? { valueMore: value.more } : {}),
    ...(saw.value !== undefined ? { saw: saw.value } : {}),
    ...(saw.more ? { sawMore: saw.more } : {}),
    result: typeof node.result === 'boolean' ? node.result : null,
  };
}
