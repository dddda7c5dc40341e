import { isDuplicateKey } from './insert-once';

/**
 * Runs an upsert whose filter is a unique key, once more if it lost the insert to a concurrent
 * upsert of the same key. Both saw no document and both inserted; the unique index refused one
 * (11000), and run again it finds the winner's document and updates it. MongoDB retries some of
 * these itself; FerretDB does not, so every upsert on a unique key goes through here.
 */
export async function upsertOnce<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return await write();
  }
}
