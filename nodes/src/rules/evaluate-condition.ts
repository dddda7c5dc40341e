import { Engine, type TopLevelCondition } from 'json-rules-engine';
import type { RuleCondition } from './rule-schema';
import { readPlainPath } from './facts';
import { textContains, textStartsWith } from './operators';

/**
 * Evaluates one condition with json-rules-engine. Runs inside workflow code: pure, given the facts.
 * The path resolver replaces the engine's JSONPath default, so no owner text ever reaches JSONPath.
 */
export async function evaluateCondition(
  condition: RuleCondition,
  facts: Record<string, unknown>,
): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: readPlainPath });
  engine.addOperator('containsText', textContains);
  engine.addOperator('startsWithText', textStartsWith);
  engine.addRule({ conditions: condition as TopLevelCondition, event: { type: 'matched' } });
  const { events } = await engine.run(facts);
  return events.length > 0;
}
