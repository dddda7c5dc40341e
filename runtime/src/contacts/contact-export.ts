import { DEFAULT_EXPORT_PACING, pacedBatches, type ExportPacing, type Models } from '../models';
import { contactCsvHeader, contactCsvLines } from './contact-csv';
import { toWireContact, type ContactRecord } from './contact-wire';
import { MASKED } from '../privacy/pii-view';

/**
 * A workspace's contacts as CSV text, produced as the response is read: memory holds one batch
 * whatever the number of contacts. Two passes over the contacts, because the header names one
 * column per attribute key, and those are known only once every contact was seen: the first
 * reads the keys, the second the rows.
 * Unsorted, in paced batches (pacedBatches). Personal data is masked whoever asks.
 */
export async function* exportContactsCsv(
  models: Models,
  workspaceId: string,
  pacing: ExportPacing = DEFAULT_EXPORT_PACING,
): AsyncGenerator<string> {
  const { Contact } = models;
  const filter = { workspaceId, mergedInto: { $exists: false }, test: { $ne: true } };
  const keys = new Set<string>();
  for await (const batch of pacedBatches<{ attributes?: unknown }>(
    Contact,
    filter,
    { attributes: 1 },
    pacing,
  ))
    for (const c of batch)
      if (c.attributes && typeof c.attributes === 'object' && !Array.isArray(c.attributes))
        for (const k of Object.keys(c.attributes)) keys.add(k);
  const columns = [...keys].sort();
  yield contactCsvHeader(columns);
  for await (const batch of pacedBatches<ContactRecord>(Contact, filter, null, pacing))
    // Always masked (docs/privacy.md): a file leaves the product and its access rules behind.
    yield contactCsvLines(
      batch.map((c) => toWireContact(c, MASKED)),
      columns,
    );
}
