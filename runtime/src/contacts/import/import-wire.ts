import type { ContactImportSummary, ContactImportWire } from '@kefu/schemas/api';
import type { ContactImportDoc } from '../../models';

export type ContactImportRecord = ContactImportDoc & { _id: unknown; createdAt: Date };

/** An import as lists show it: where it is, without its problems. */
export function toContactImportSummary(doc: ContactImportRecord): ContactImportSummary {
  return {
    id: String(doc._id),
    state: doc.state,
    ...(doc.fileName ? { fileName: doc.fileName } : {}),
    bytes: doc.bytes,
    bytesRead: doc.position?.byte ?? 0,
    rowsRead: doc.rowsRead,
    created: doc.created,
    updated: doc.updated,
    problemCount: doc.problemCount,
    ...(doc.error ? { error: doc.error } : {}),
    createdAt: new Date(doc.createdAt).toISOString(),
    ...(doc.startedAt ? { startedAt: new Date(doc.startedAt).toISOString() } : {}),
    ...(doc.finishedAt ? { finishedAt: new Date(doc.finishedAt).toISOString() } : {}),
  };
}

/** One import with the problems it keeps. */
export function toContactImport(doc: ContactImportRecord): ContactImportWire {
  return {
    ...toContactImportSummary(doc),
    problems: (doc.problems ?? []).map((p) => ({
      row: p.row ?? null,
      ...(p.field ? { field: p.field } : {}),
      code: p.code as ContactImportWire['problems'][number]['code'],
      message: p.message,
    })),
  };
}
