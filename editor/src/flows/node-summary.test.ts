import { describe, expect, it } from 'vitest';
import { findNode } from '@kefu/nodes';
import { nodeSummary } from './node-summary';

const fields = (kind: string) => findNode(kind)?.editor.fields;

describe('node card summary', () => {
  it('shows the message text of a node whose field is a template', () => {
    expect(nodeSummary(fields('send-message'), { text: 'Hi {{contact.name}}' }, 'en')).toBe(
      'Hi {{contact.name}}',
    );
    expect(nodeSummary(fields('send-message'), { text: 'x'.repeat(100) }, 'en')).toHaveLength(71);
  });
  it('puts the first rule in words, in the UI language', () => {
    const rule = {
      any: [
        { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' },
        { fact: 'channel', operator: 'equal', value: 'web' },
      ],
    };
    expect(nodeSummary(fields('condition'), { rule }, 'en')).toBe('Contact tags list contains vip +1');
    expect(nodeSummary(fields('condition'), { rule }, 'zh')).toBe('联系人 tags 列表包含 vip +1');
  });
  it('names a pattern preset in the UI language', () => {
    const rule = {
      all: [{ fact: 'message', path: '$.text', operator: 'matchesPattern', value: 'preset:order-number' }],
    };
    // (clipped on the card at 70 characters)
    expect(nodeSummary(fields('condition'), { rule }, 'en')).toMatch(
      /^Customer's latest message text matches pattern Order number/,
    );
    expect(nodeSummary(fields('condition'), { rule }, 'zh')).toBe(
      '客户最新消息 text 匹配模式 订单号（QY + 8 位数字）',
    );
  });
  it('shows nothing when there is nothing to show', () => {
    expect(nodeSummary(fields('end'), {}, 'en')).toBeUndefined();
    expect(nodeSummary(fields('condition'), { rule: {} }, 'en')).toBeUndefined();
  });
});
