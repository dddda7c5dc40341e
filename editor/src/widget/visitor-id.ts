import { randomId } from './chat-client';

const KEY = 'kefu.visitorId';

/**
 * The id that lets a returning visitor resume their conversation; kept in this browser only.
 * Without storage (blocked in some third-party frames) the visitor is new on every load.
 */
export function visitorId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = localStorage): string {
  let id: string | null = null;
  try {
    id = storage?.getItem(KEY) ?? null;
  } catch {
    id = null;
  }
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = randomId();
    try {
      storage?.setItem(KEY, id);
    } catch {
      // The chat still works for this page load.
    }
  }
  return id;
}
