import { checkNodeConfig } from '../compiler/config-validators';
import type { AnyNodeDefinition } from '../define-node';
import type { CustomerMessage, FlowActivities, RunChange, RunContext, RunResult } from '../run-context';
import { renderTemplate } from '../template';

export interface FakeRun {
  result: RunResult<string>;
  calls: { name: string; input: unknown }[];
  vars: Record<string, unknown>;
  slept: number[];
}

/**
 * Runs one node's `run` with scripted answers: customer replies (null = timeout), activity results,
 * a fixed clock and fixed random draws; the config gets its schema defaults, as compiled flows do. Lets node tests check decisions without Temporal.
 */
export async function fakeRun(
  def: AnyNodeDefinition,
  config: unknown,
  script: {
    replies?: (string | null)[];
    activities?: Partial<Record<keyof FlowActivities, (input: never) => unknown>>;
    acceptance?: { agentId: string } | null;
    /** waitForResolution: who resolves the conversation (null or absent: the wait times out). */
    resolution?: { agentId: string } | null;
    /** waitForTicket: the ticket meets the wait's condition this many ms in (absent: never). */
    ticketDoneAfterMs?: number;
    now?: number;
    random?: number[];
    vars?: Record<string, unknown>;
    facts?: Record<string, unknown>;
    /** Changes the run started without, as a run started before they shipped (default: all on). */
    without?: RunChange[];
  } = {},
): Promise<FakeRun> {
  const calls: FakeRun['calls'] = [];
  const replies = [...(script.replies ?? [])];
  const randoms = [...(script.random ?? [])];
  const slept: number[] = [];
  const vars = { ...script.vars };
  const facts = { ...script.facts };
  let clock = script.now ?? Date.UTC(2026, 0, 5, 2, 0); // a Monday, 10:00 in Shanghai
  const act = new Proxy({} as FlowActivities, {
    get: (_t, name: string) => async (input: unknown) => {
      calls.push({ name, input });
      const answer = script.activities?.[name as keyof FlowActivities];
      return answer ? answer(input as never) : {};
    },
  });
  let messageId = 0;
  // The interpreter only ever sees compiled configs: schema defaults filled in.
  const ctx: RunContext<unknown> = {
    nodeId: 'n',
    config: checkNodeConfig(def, config).config,
    vars,
    facts,
    act,
    waitForCustomerMessage: async () => {
      const text = replies.shift();
      if (text === undefined || text === null) return null;
      const message: CustomerMessage = { messageId: `m${++messageId}`, text };
      facts.message = message;
      return message;
    },
    waitForAgentAcceptance: async () => script.acceptance ?? null,
    waitForTicket: async (_ticketId, _done, timeoutMs) => {
      const after = script.ticketDoneAfterMs;
      const met = after !== undefined && after <= timeoutMs;
      const waited = met ? after : timeoutMs;
      slept.push(waited);
      clock += waited;
      return met;
    },
    waitForResolution: async (timeoutMs) => {
      if (script.resolution) return script.resolution;
      if (timeoutMs !== undefined) {
        slept.push(timeoutMs);
        clock += timeoutMs;
      }
      return null;
    },
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => randoms.shift() ?? 0,
    render: (template) =>
      renderTemplate(
        template,
        { ...facts, vars },
        { objectsAsJson: !(script.without ?? []).includes('http-response-json') },
      ),
    has: (change) => !(script.without ?? []).includes(change),
  };
  const result = await def.run(ctx);
  return { result, calls, vars, slept };
}
