import { useEffect, useState } from 'react';

/**
 * The console's routes live in the hash (`#/inbox/<id>`, `#/tickets/<id>`, `#/contacts`): the API
 * serves one index.html at `/`, so a hash router needs no server-side fallback and no library.
 */
export type Route =
  | { page: 'inbox'; id?: string }
  | { page: 'tickets'; id?: string }
  | { page: 'contacts'; id?: string }
  | { page: 'conversations'; id?: string }
  | { page: 'settings' }
  | { page: 'kb' }
  | { page: 'audit' }
  | { page: 'operations' }
  /** A new shop's sign-up form, shown while nobody is signed in. */
  | { page: 'signup' }
  | { page: 'analytics'; section?: string }
  | { page: 'unknown' };

export function parseRoute(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  const safeId = id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
  if (!page || page === 'inbox') return { page: 'inbox', ...(safeId ? { id: safeId } : {}) };
  if (page === 'tickets' || page === 'contacts' || page === 'conversations')
    return { page, ...(safeId ? { id: safeId } : {}) };
  if (page === 'settings' || page === 'kb' || page === 'audit' || page === 'signup' || page === 'operations')
    return { page };
  // `#/analytics/<section>`: the analytics area's own pages (the KPI dashboard first).
  if (page === 'analytics') return { page, ...(safeId ? { section: safeId } : {}) };
  return { page: 'unknown' };
}

export type Page =
  | 'inbox'
  | 'conversations'
  | 'tickets'
  | 'contacts'
  | 'settings'
  | 'kb'
  | 'audit'
  | 'analytics'
  | 'operations';

/** Whether the hash names no page (`/`, `#/`): the console then opens the user's landing page. */
export const isBare = (hash: string) => hash.replace(/^#\/?/, '') === '';

export const hrefOf = (page: Page, id?: string) => `#/${page}${id ? `/${id}` : ''}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function navigate(page: 'inbox' | 'tickets' | 'contacts', id?: string) {
  location.hash = hrefOf(page, id);
}
