import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { templateText } from '../common-schemas';

export const closeConversationSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    farewell: { ...templateText, title: 'Last message (optional) / 结束语（可选）' },
  },
} as const;
export type CloseConversationConfig = FromSchema<typeof closeConversationSchema>;

/** Says goodbye (optionally), closes the conversation and ends the run. */
export const closeConversation = defineNode<CloseConversationConfig>({
  kind: 'close-conversation',
  category: 'end',
  schema: closeConversationSchema,
  waits: false,
  editor: {
    label: { en: 'Close conversation', zh: '关闭会话' },
    description: { en: 'Closes the conversation and ends the flow.', zh: '关闭会话并结束流程。' },
    icon: 'circle-check',
    ports: [],
    fields: { farewell: 'template' },
  },
  run: async (ctx) => {
    if (ctx.config.farewell) await ctx.act.sendMessage({ text: ctx.render(ctx.config.farewell) });
    await ctx.act.closeConversation({ reason: `closed by flow node ${ctx.nodeId}` });
    return { port: null };
  },
});
