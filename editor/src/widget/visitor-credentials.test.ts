import { describe, expect, it } from 'vitest';
import { loadVisitor, saveVisitor } from './visitor-credentials';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
}

describe('visitor credentials', () => {
  it('are kept per workspace and read back', () => {
    const storage = memoryStorage();
    saveVisitor(storage, 'shop-a', { visitorId: 'visitor-aaaa', visitorToken: 'v2.token' });
    expect(loadVisitor(storage, 'shop-a')).toEqual({ visitorId: 'visitor-aaaa', visitorToken: 'v2.token' });
    expect(loadVisitor(storage, 'shop-b').visitorId).not.toBe('visitor-aaaa');
  });

  it('start a new visitor when storage is empty, junk, blocked or absent', () => {
    const junk = memoryStorage();
    junk.items.set('kefu.visitor.demo', '{not json');
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    for (const storage of [memoryStorage(), junk, blocked, null]) {
      const visitor = loadVisitor(storage, 'demo');
      expect(visitor.visitorId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(visitor.visitorToken).toBeUndefined();
      saveVisitor(storage, 'demo', visitor);
    }
  });
});
