import { renderTemplate, type RunChange, type RunContext } from '@kefu/nodes';
import type { CompiledNode, SimulationSettings } from '@kefu/schemas';
import type { ActivityTarget } from '../activity-contract';
import { flowActivities } from './flow-activities';
import type { RunState } from './run-state';
import { simulatedActivities } from './simulated-activities';
import { stepWaits, type WaitOptions } from './waits';

/** Who a run acts for, the same for every step of its chain. */
export interface RunScope {
  /** What every activity is called with besides its input and idempotency key. */
  base: Omit<ActivityTarget, 'idempotencyKey'>;
  /** The chain's first run id: idempotency keys derive from it, so they survive continue-as-new. */
  chain: string;
  waits: WaitOptions;
  /** A simulation's clock, agents and HTTP answers (input.simulation; only when waits.test). */
  simulation?: SimulationSettings;
  /** The behaviour changes this run started with (asked of Temporal once, when it started). */
  changes: ReadonlySet<RunChange>;
}

/** The `ctx` the node `nodeId` gets for its `run` on the step the run is on (`run.step`). */
export function stepContext(
  nodeId: string,
  node: CompiledNode,
  run: RunState,
  scope: RunScope,
  stepStartedAt: number,
): RunContext<unknown> {
  const { base, chain } = scope;
  let call = 0;
  const act = flowActivities(base, () => `${chain}/${run.step}/${call++}`);
  const test = scope.waits.test;
  // The simulator's clock: an offset from the run's input, added to Temporal's clock.
  const offset = test ? (scope.simulation?.clockOffsetMs ?? 0) : 0;
  return {
    nodeId,
    config: node.config,
    vars: run.vars,
    facts: run.facts,
    act: test ? simulatedActivities(act, `${chain}/${run.step}`, nodeId, scope.simulation) : act,
    ...stepWaits(run, scope.waits, stepStartedAt),
    // Temporal's clock and PRNG: recorded in or derived from history, so replays agree.
    now: () => Date.now() + offset,
    random: () => Math.random(),
    // A run that saves JSON answers as objects (http-response-json) shows them whole as JSON text,
    // as it showed the saved text before.
    render: (template) =>
      renderTemplate(
        template,
        { ...run.facts, vars: run.vars },
        { objectsAsJson: scope.changes.has('http-response-json') },
      ),
    has: (change) => scope.changes.has(change),
  };
}
