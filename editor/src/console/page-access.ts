import { ANALYTICS_READERS, DESK_WORKERS, type Role } from '@kefu/schemas/api';
import type { Page } from './router';

/**
 * Which console pages a user may open, from the role lists the API's routes declare
 * (schemas/src/api/roles.ts): the nav shows only these, and a page opened by its address says it
 * is not for you instead of failing with 403s. The API decides; this only stops offering.
 */
export function canOpen(page: Page, roles: readonly Role[]): boolean {
  const any = (allowed: readonly Role[]) => roles.some((r) => allowed.includes(r));
  switch (page) {
    case 'inbox':
    case 'tickets':
    case 'contacts':
      return any(DESK_WORKERS);
    case 'analytics':
      return any(ANALYTICS_READERS);
    default:
      // The owner's own pages (settings, the audit log, all conversations, the knowledge base).
      return roles.includes('owner');
  }
}

/**
 * Pages that say "not for you" when opened by their address by someone who may not: the service
 * desk and analytics. The owner's pages keep their own handling (an agent may read the KB there).
 */
export const guarded = (page: Page) => ['inbox', 'tickets', 'contacts', 'analytics'].includes(page);

/** Where a user lands on `/`: the inbox for those who work it, analytics for analysts. */
export function landingOf(roles: readonly Role[]): Page {
  return canOpen('inbox', roles) || !canOpen('analytics', roles) ? 'inbox' : 'analytics';
}
