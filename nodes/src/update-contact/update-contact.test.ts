import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';

describe('update-contact', () => {
  it('refuses an update that changes nothing', () => {
    expect(nodeProblems('update-contact', {})).toEqual(nodeCheck('/attributes'));
  });
  it('refuses a tag both added and removed', () => {
    expect(nodeProblems('update-contact', { addTags: ['vip'], removeTags: ['vip'] })).toEqual(nodeCheck('/removeTags/0'));
  });
  it('refuses one attribute set twice', () => {
    const attributes = [{ key: 'plan', value: 'a' }, { key: 'plan', value: 'b' }];
    expect(nodeProblems('update-contact', { attributes })).toEqual(nodeCheck('/attributes/1/key'));
  });
});
