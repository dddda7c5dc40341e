import { Engine, type TopLevelCondition } from 'json-rules-engine';
import type { RuleCondition } from './rule-schema';
import { ageOperators } from './date-age';
import { readPlainPath } from './facts';
import { textContains, textStartsWith } from './operators';
import { textMatchesPattern } from './patterns';

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
  const { events } = await engine.run(facts);
  return events.length > 0;
}
