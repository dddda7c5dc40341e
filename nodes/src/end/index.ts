import { defineNode } from '../define-node';

/** Ends the run. */
export const end = defineNode<Record<string, never>>({
  kind: 'end',
  category: 'end',
  schema: { type: 'object', additionalProperties: false, properties: {} },
  waits: false,
  editor: {
    label: { en: 'End', zh: '结束' },
    description: { en: 'Ends the flow.', zh: '结束流程。' },
    icon: 'circle-stop',
    ports: [],
  },
  run: async () => ({ port: null }),
});
