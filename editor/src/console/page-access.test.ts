import { describe, expect, it } from 'vitest';
import { canOpen, landingOf } from './page-access';
import { parseRoute } from './router';

describe('console pages by role', () => {
  it('lands analysts on analytics and everyone who works the desk on the inbox', () => {
    expect(landingOf(['analyst'])).toBe('analytics');
    expect(landingOf(['agent'])).toBe('inbox');
    expect(landingOf(['owner'])).toBe('inbox');
    expect(landingOf(['agent', 'analyst'])).toBe('inbox');
  });

  it('shows analysts analytics only, agents never analytics, owners everything', () => {
    const pages = [
      'inbox',
      'tickets',
      'contacts',
      'conversations',
      'kb',
      'settings',
      'audit',
      'analytics',
      'operations',
    ] as const;
    const open = (roles: Parameters<typeof canOpen>[1]) => pages.filter((p) => canOpen(p, roles));
    expect(open(['analyst'])).toEqual(['analytics']);
    expect(open(['agent'])).toEqual(['inbox', 'tickets', 'contacts']);
    expect(open(['owner'])).toEqual(pages);
  });

  it('reads the analytics section from the hash', () => {
    expect(parseRoute('#/analytics')).toEqual({ page: 'analytics' });
    expect(parseRoute('#/analytics/runs')).toEqual({ page: 'analytics', section: 'runs' });
    expect(parseRoute('#/analytics/<x>')).toEqual({ page: 'analytics' });
  });
});
