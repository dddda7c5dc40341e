import type { FlowDraft } from '@kefu/schemas';

/** The random split of the generated month's flow: its node, and the branches a plan draws from. */
export const GENERATED_SPLIT = { node: 'greeting', ports: ['a', 'b'] as const };

/**
 * The flow the generated month's conversations ran (both versions publish it): an A/B greeting,
 * then the bot closes or hands over. Only its shape matters to the figures: the split's branches
 * name the dimensions `split:<flowId>:<version>:greeting:<port>` (GET /analytics/splits).
 */
export const generatedFlowDraft: FlowDraft = {
  schemaVersion: 1,
  name: 'Generated month: A/B greeting',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    {
      id: GENERATED_SPLIT.node,
      type: 'random-split',
      label: 'Greeting A/B',
      config: {
        branches: [
          { port: 'a', label: 'Short', weight: 50 },
          { port: 'b', label: 'Friendly', weight: 50 },
        ],
      },
      position: { x: 0, y: 120 },
    },
    { id: 'hello-a', type: 'send-message', config: { text: 'Hi!' }, position: { x: -200, y: 240 } },
    {
      id: 'hello-b',
      type: 'send-message',
      config: { text: 'Hello, and thanks for writing to us!' },
      position: { x: 200, y: 240 },
    },
    { id: 'close', type: 'close-conversation', config: { farewell: 'Bye.' }, position: { x: 0, y: 360 } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: GENERATED_SPLIT.node },
    { source: GENERATED_SPLIT.node, sourcePort: 'a', target: 'hello-a' },
    { source: GENERATED_SPLIT.node, sourcePort: 'b', target: 'hello-b' },
    { source: 'hello-a', sourcePort: 'next', target: 'close' },
    { source: 'hello-b', sourcePort: 'next', target: 'close' },
  ],
};

/** A conversation's entry in `splits` (as the worker writes it): `<flowId>:<version>:<node>:<port>`. */
export const splitOf = (flowId: string, p: { version: number; branch: string }) =>
  `${flowId}:${p.version}:${GENERATED_SPLIT.node}:${p.branch}`;
