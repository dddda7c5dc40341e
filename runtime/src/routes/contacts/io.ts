import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import {
  CONTACT_IMPORT_MAX_BYTES,
  CONTACT_IMPORT_PROBLEMS_KEPT,
  contactImportListQuerySchema,
  contactImportSchema,
  contactImportSummarySchema,
  contactImportUploadQuerySchema,
  emptySchema,
  errorResponses,
  idParamsSchema,
  pageSchema,
  type ContactImportSummary,
  type ContactImportUploadQuery,
  type ContactImportWire,
  type IdParams,
  type Page,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { transition } from '../../models';
import { paginate } from '../../paginate';
import { staff } from '../../plugins/app/access';
import { perWorkspace } from '../../plugins/external/rate-limit';
import { exportContactsCsv } from '../../contacts/contact-export';
import { cleanUpImport } from '../../contacts/import/end-import';
import { ENDED_STATES } from '../../contacts/import/import-lock';
import { startContactImport } from '../../contacts/import/start-import';
import {
  toContactImport,
  toContactImportSummary,
  type ContactImportRecord,
} from '../../contacts/import/import-wire';

const tags = ['contacts'];
const MB = Math.round(CONTACT_IMPORT_MAX_BYTES / (1024 * 1024));
const CSV_TYPES = ['text/csv', 'application/csv', 'application/octet-stream'];

/**
 * Contacts as CSV, in and out. Owners only: a file holds every customer's personal data.
 * An import is a job: the upload is stored and answered at once, the rows are imported in the
 * background in bounded batches (progress on the job), and every good row is kept while each bad
 * one is reported with its line and why. The export streams. Both are limited per workspace, so
 * one shop's bulk work cannot slow another's chats.
 */
const contactIoRoutes: FastifyPluginAsync = async (app) => {
  const { ContactImport } = app.models;
  // The file is the body, read as a stream and stored in chunks as it arrives (never whole in memory).
  app.addContentTypeParser(CSV_TYPES, (_request, payload, done) => done(null, payload));
  const exporting = new Set<string>();

  app.post<{ Querystring: ContactImportUploadQuery }>(
    '/contacts/imports',
    {
      config: { roles: ['owner'], rateLimit: perWorkspace('imports', 20, '1 hour') },
      schema: {
        tags,
        summary: 'Import contacts from a CSV file',
        description:
          `The body is the CSV file itself (Content-Type: text/csv), UTF-8, at most ${MB} MB (larger: 413, ` +
          'field "body"). Columns: id, name, email, phone, tags (separated by |); any other column is an ' +
          'attribute of that name. A row whose id, email or phone matches a contact updates it; others create ' +
          'contacts. Answers 202 with the import as soon as the file is stored; the rows are imported in the ' +
          'background: follow GET /contacts/imports/{id}. One import at a time per workspace (409); 20 per hour.',
        consumes: CSV_TYPES,
        body: { description: 'The CSV file' },
        querystring: contactImportUploadQuerySchema,
        response: { 202: contactImportSchema, ...errorResponses },
      },
    },
    async (request, reply): Promise<ContactImportWire> => {
      const auth = staff(request);
      if (!(request.body instanceof Readable))
        throw new KefuError(
          'KEFU_ERR_UNSUPPORTED_MEDIA_TYPE',
          'Send the file itself as the body, as text/csv',
          'body',
        );
      const length = Number(request.headers['content-length']);
      const job = await startContactImport(
        app.models,
        auth,
        {
          body: request.body,
          ...(Number.isFinite(length) ? { length } : {}),
          ...(request.query.fileName ? { fileName: request.query.fileName } : {}),
        },
        { owner: app.contactImports.owner, ms: app.contactImports.options.leaseMs },
      );
      app.contactImports.kick();
      await app.audit.record(auth, {
        action: 'contact.import',
        targetType: 'contact-import',
        targetId: String(job._id),
        after: { fileName: job.fileName ?? null, bytes: job.bytes },
      });
      return reply.status(202).send(toContactImport(job));
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/contacts/imports',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Contact imports, newest first',
        querystring: contactImportListQuerySchema,
        response: { 200: pageSchema(contactImportSummarySchema), ...errorResponses },
      },
    },
    async (request): Promise<Page<ContactImportSummary>> =>
      await paginate(ContactImport, { workspaceId: staff(request).workspaceId }, request.query, (doc) =>
        toContactImportSummary(doc as ContactImportRecord),
      ),
  );

  app.get<{ Params: IdParams }>(
    '/contacts/imports/:id',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'One contact import: its progress and problems',
        description: `Rows read, created, updated, and the rows not imported with their line, field and why (the first ${CONTACT_IMPORT_PROBLEMS_KEPT}; problemCount counts them all).`,
        params: idParamsSchema,
        response: { 200: contactImportSchema, ...errorResponses },
      },
    },
    async (request) => toContactImport(await findImport(staff(request).workspaceId, request.params.id)),
  );

  app.post<{ Params: IdParams }>(
    '/contacts/imports/:id/cancel',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Cancel a contact import',
        description:
          'A queued import ends at once; a running one after its current batch. Rows imported before stay.',
        params: idParamsSchema,
        response: { 200: contactImportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const job = await findImport(auth.workspaceId, request.params.id);
      if ((ENDED_STATES as readonly string[]).includes(job.state))
        throw new KefuError('KEFU_ERR_CONFLICT', `This import has already ended (${job.state})`, 'params/id');
      const scope = { _id: job._id, workspaceId: auth.workspaceId };
      // Nobody runs a queued import: end it here, unless a runner claims it at this very moment.
      const cancelled =
        job.state === 'queued'
          ? ((await transition(
              ContactImport,
              { ...scope, state: 'queued', leaseOwner: job.leaseOwner, leaseUntil: job.leaseUntil },
              { $set: { state: 'cancelled', cancelRequested: true, finishedAt: new Date() } },
            )) as ContactImportRecord | null)
          : null;
      if (cancelled) await cleanUpImport(app.models, cancelled);
      const after =
        cancelled ??
        ((await transition(ContactImport, scope, {
          $set: { cancelRequested: true },
        })) as ContactImportRecord | null);
      await app.audit.record(auth, {
        action: 'contact.import.cancel',
        targetType: 'contact-import',
        targetId: String(job._id),
      });
      return toContactImport(after ?? job);
    },
  );

  app.get(
    '/contacts/export',
    {
      config: { roles: ['owner'], rateLimit: perWorkspace('exports', 10, '1 hour') },
      schema: {
        tags,
        summary: 'Export every contact as CSV',
        description:
          'The columns the import reads; one column per attribute. UTF-8 with a byte-order mark. Streamed as it ' +
          'is read, in the order contacts are stored; one export at a time per workspace (409), 10 per hour.',
        querystring: emptySchema,
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      if (exporting.has(workspaceId))
        throw new KefuError(
          'KEFU_ERR_CONFLICT',
          'An export of this workspace is already running; wait for it',
        );
      exporting.add(workspaceId);
      const body = Readable.from(exportContactsCsv(app.models, workspaceId));
      body.once('close', () => exporting.delete(workspaceId));
      body.once('error', (err) => request.log.error({ err }, 'contact export stopped'));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contacts.csv"')
        .send(body);
    },
  );

  async function findImport(workspaceId: string, id: string): Promise<ContactImportRecord> {
    const job = await ContactImport.findOne({ _id: id, workspaceId }).lean<ContactImportRecord>();
    if (!job) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such import', 'params/id');
    return job;
  }
};

export default contactIoRoutes;
