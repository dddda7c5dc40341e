import type { FromSchema } from 'json-schema-to-ts';
import { defineNode, type NodeProblem } from '../define-node';
import { tagList } from '../common-schemas';
import { NEXT_PORT } from '../ports';

export const updateContactSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    attributes: {
      type: 'array',
      title: 'Set attributes / 设置属性',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['key', 'value'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 64, title: 'Attribute / 属性' },
          value: { type: 'string', maxLength: 1000, title: 'Value / 值' },
        },
      },
      default: [],
    },
    addTags: { ...tagList, title: 'Add tags / 添加标签' },
    removeTags: { ...tagList, title: 'Remove tags / 移除标签' },
  },
} as const;
export type UpdateContactConfig = FromSchema<typeof updateContactSchema>;

/** Sets CRM attributes and tags on the conversation's contact. */
export const updateContact = defineNode<UpdateContactConfig, 'next'>({
  kind: 'update-contact',
  category: 'contact',
  schema: updateContactSchema,
  waits: false,
  editor: {
    label: { en: 'Update contact', zh: '更新联系人' },
    description: { en: "Sets the contact's attributes and tags.", zh: '设置联系人的属性和标签。' },
    icon: 'user-pen',
    ports: [NEXT_PORT],
    fields: { attributes: 'key-values', addTags: 'tags', removeTags: 'tags' },
  },
  compile: (config) => {
    const problems: NodeProblem[] = [];
    const attributes = config.attributes ?? [];
    const add = config.addTags ?? [];
    const remove = config.removeTags ?? [];
    if (attributes.length + add.length + remove.length === 0)
      problems.push({ field: '/attributes', message: { en: 'Choose at least one change', zh: '请至少选择一项修改' } });
    remove.forEach((tag, i) => {
      if (add.includes(tag))
        problems.push({
          field: `/removeTags/${i}`,
          message: { en: `Tag "${tag}" is both added and removed`, zh: `标签 "${tag}" 同时被添加和移除` },
        });
    });
    const keys = new Set<string>();
    attributes.forEach((a, i) => {
      if (keys.has(a.key))
        problems.push({
          field: `/attributes/${i}/key`,
          message: { en: `Attribute "${a.key}" is set twice`, zh: `属性 "${a.key}" 被设置了两次` },
        });
      keys.add(a.key);
    });
    return problems;
  },
  run: async (ctx) => {
    const { config } = ctx;
    await ctx.act.updateContact({
      attributes: Object.fromEntries((config.attributes ?? []).map((a) => [a.key, ctx.render(a.value)])),
      addTags: config.addTags ?? [],
      removeTags: config.removeTags ?? [],
    });
    return { port: 'next' };
  },
});
