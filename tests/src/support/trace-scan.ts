import type { Connection } from 'mongoose';

/** Where a value was found: the collection and the document's id. */
export interface Trace {
  collection: string;
  id: string;
  found: string;
}

/**
 * Reads EVERY document of EVERY collection through the raw driver (no model, no query audit) and
 * reports each one whose text holds one of `needles`, ignoring case. Binary fields are read as UTF-8
 * and as hex, so an id inside a stored file or key is found too. Values encrypted at rest are not
 * found in clear, as they should not be; an id (never encrypted) still is.
 */
export async function scanForTraces(conn: Connection, needles: string[]): Promise<Trace[]> {
  const db = conn.db!;
  const wanted = needles.filter((n) => n.length >= 4).map((n) => n.toLowerCase());
  const traces: Trace[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    if (name.startsWith('system.')) continue;
    for await (const doc of db.collection(name).find({})) {
      const text = JSON.stringify(doc, (_key, value: unknown) => {
        if (value && typeof value === 'object' && (value as { _bsontype?: string })._bsontype === 'Binary') {
          const bytes = Buffer.from((value as { buffer: Uint8Array }).buffer);
          return `${bytes.toString('utf8')} ${bytes.toString('hex')}`;
        }
        return value;
      }).toLowerCase();
      for (const needle of wanted)
        if (text.includes(needle)) traces.push({ collection: name, id: String(doc._id), found: needle });
    }
  }
  return traces;
}
