import { randomId } from './chat-client';

const KEY = 'kefu.visitorId';

/** The id that lets a returning visitor resume their conversation; kept in this browser only. */
export function visitorId(storage: Storage = localStorage): string {
  let id = storage.getItem(KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = randomId();
    storage.setItem(KEY, id);
  }
  return id;
}
