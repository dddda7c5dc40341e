import { randomId } from './chat-client';

/** Who this browser is to one workspace: the id it chats as and the token that proves it. */
export interface VisitorCredentials {
  visitorId: string;
  visitorToken?: string;
}

// Storage's two methods spelled out, so the chat client also type-checks outside a browser (the
// fault harness runs it in Node).
type Store = { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;

/**
 * Per workspace, so two shops' widgets on one site do not present each other's tokens. The key of
 * widgets before tokens were kept (`kefu.visitorId`, an id alone) is not read: an id without its
 * token resumes nothing.
 */
const keyOf = (workspace: string) => `kefu.visitor.${workspace}`;

/**
 * The credentials that let a returning visitor resume their conversation; kept in this browser
 * only. Without storage (blocked in some third-party frames) the visitor is new on every load.
 */
export function loadVisitor(storage: Store, workspace: string): VisitorCredentials {
  try {
    const saved = JSON.parse(
      storage?.getItem(keyOf(workspace)) ?? 'null',
    ) as Partial<VisitorCredentials> | null;
    if (typeof saved?.visitorId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(saved.visitorId))
      return {
        visitorId: saved.visitorId,
        ...(typeof saved.visitorToken === 'string' ? { visitorToken: saved.visitorToken } : {}),
      };
  } catch {
    // Unreadable or blocked: a new visitor.
  }
  return { visitorId: randomId() };
}

/** Called with every session's credentials: the server renews the token on each hello. */
export function saveVisitor(storage: Store, workspace: string, credentials: VisitorCredentials): void {
  try {
    storage?.setItem(keyOf(workspace), JSON.stringify(credentials));
  } catch {
    // The chat still works for this page load.
  }
}
