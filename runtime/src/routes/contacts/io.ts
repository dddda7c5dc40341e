import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import {
  contactImportBodySchema,
  contactImportReportSchema,
  emptySchema,
  errorResponses,
  type ContactImportBody,
  type ContactImportReport,
} from '@kefu/schemas/api';
import { staff } from '../../plugins/app/access';
import { ALLOW_SCAN } from '../../models';
import { exportContactsCsv, parseContactsCsv, type ContactRow } from '../../contacts/contact-csv';
import { toWireContact, type ContactRecord } from '../../contacts/contact-wire';
import { emailKey, phoneKey } from '../../contacts/normalize';

/** The query audit's exemption until the imports stream streams these in bounded batches. */
const IMPORTS_BEING_BOUNDED = 'imports: being bounded in the imports stream';

const tags = ['contacts'];
/** Imported contacts have no widget visitor; this prefix is outside the widget's visitor id pattern. */
const IMPORTED_VISITOR = 'import:';

/**
 * Contacts as CSV, in and out. Owners only: a file holds every customer's personal data.
 * An import keeps every good row and reports each bad one with its line and why.
 */
const contactIoRoutes: FastifyPluginAsync = async (app) => {
  const { Contact } = app.models;

  app.post<{ Body: ContactImportBody }>(
    '/contacts/import',
    {
      config: { roles: ['owner'] },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import contacts from a CSV file',
        description:
          'Columns: id, name, email, phone, tags (separated by |); any other column is an attribute of that ' +
          'name. A row whose id, email or phone matches a contact updates it; others create contacts. ' +
          'Each bad row is reported with its line, the field and why; the good rows are imported.',
        body: contactImportBodySchema,
        response: { 200: contactImportReportSchema, ...errorResponses },
      },
    },
    async (request): Promise<ContactImportReport> => {
      const auth = staff(request);
      const { workspaceId } = auth;
      const parsed = parseContactsCsv(Buffer.from(request.body.contentBase64, 'base64'));
      const problems: ContactImportReport['problems'] = parsed.problems.map((p) => ({ ...p }));
      const existing = (await Contact.find(
        { workspaceId, mergedInto: { $exists: false } },
        { email: 1, phone: 1 },
      )
        .setOptions({ [ALLOW_SCAN]: IMPORTS_BEING_BOUNDED })
        .lean()) as Array<{ _id: unknown; email?: string | null; phone?: string | null }>;
      const byKey = new Map<string, string>();
      const ids = new Set(existing.map((c) => String(c._id)));
      for (const c of existing) {
        const e = emailKey(c.email);
        const p = phoneKey(c.phone);
        if (e && !byKey.has(`e:${e}`)) byKey.set(`e:${e}`, String(c._id));
        if (p && !byKey.has(`p:${p}`)) byKey.set(`p:${p}`, String(c._id));
      }
      const match = (row: ContactRow): string | undefined => {
        if (row.id && ids.has(row.id)) return row.id;
        const e = emailKey(row.email);
        const p = phoneKey(row.phone);
        return (e && byKey.get(`e:${e}`)) || (p && byKey.get(`p:${p}`)) || undefined;
      };
      let created = 0;
      let updated = 0;
      for (const row of parsed.rows) {
        const fields = {
          ...(row.name ? { name: row.name } : {}),
          ...(row.email ? { email: row.email } : {}),
          ...(row.phone ? { phone: row.phone } : {}),
        };
        const attributes = Object.fromEntries(
          Object.entries(row.attributes).map(([k, v]) => [`attributes.${k}`, v]),
        );
        try {
          const id = match(row);
          if (id) {
            await Contact.updateOne(
              { _id: id, workspaceId },
              {
                $set: { ...fields, ...attributes },
                ...(row.tags.length ? { $addToSet: { tags: { $each: row.tags } } } : {}),
              },
            );
            updated++;
          } else {
            await Contact.create({
              workspaceId,
              visitorId: `${IMPORTED_VISITOR}${randomUUID()}`,
              ...fields,
              tags: row.tags,
              attributes: row.attributes,
            });
            created++;
          }
        } catch (err) {
          request.log.warn({ err, row: row.row }, 'contact import row refused by the database');
          problems.push({ row: row.row, code: 'invalid', message: 'the database refused this row' });
        }
      }
      await app.audit.record(auth, {
        action: 'contact.import',
        targetType: 'contact',
        targetId: workspaceId,
        after: { created, updated, problems: problems.length },
      });
      return { created, updated, problems };
    },
  );

  app.get(
    '/contacts/export',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Export every contact as CSV',
        description: 'The columns the import reads; one column per attribute. UTF-8 with a byte-order mark.',
        querystring: emptySchema,
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const docs = (await Contact.find({
        workspaceId: staff(request).workspaceId,
        mergedInto: { $exists: false },
        test: { $ne: true },
      })
        .setOptions({ [ALLOW_SCAN]: IMPORTS_BEING_BOUNDED })
        .sort({ createdAt: 1, _id: 1 })
        .lean()) as ContactRecord[];
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contacts.csv"');
      return exportContactsCsv(docs.map(toWireContact));
    },
  );
};

export default contactIoRoutes;
