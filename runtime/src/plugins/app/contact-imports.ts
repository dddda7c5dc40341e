import fp from 'fastify-plugin';
import {
  ContactImportRunner,
  DEFAULT_IMPORT_RUNNER,
  type ImportRunnerOptions,
} from '../../contacts/import/import-runner';
import { createKeyLookup } from '../../store/find-by-keys';

declare module 'fastify' {
  interface FastifyInstance {
    contactImports: ContactImportRunner;
  }
}

export interface ContactImportsOptions {
  /** The PostgreSQL under the embedded store, for batched key lookups (absent on MongoDB). */
  postgresUrl?: string;
  runner?: Partial<ImportRunnerOptions>;
}

/**
 * The background runner of contact imports in this API process (see ContactImportRunner): starts
 * with the server, and on close finishes its current batches and hands its imports back, so a
 * restarted or another API process resumes them at once.
 */
export default fp(
  async (app, opts: ContactImportsOptions) => {
    const lookup = createKeyLookup({
      ...(opts.postgresUrl ? { postgresUrl: opts.postgresUrl } : {}),
      database: app.models.Contact.db.name,
    });
    const runner = new ContactImportRunner(
      {
        models: app.models,
        lookup,
        log: app.log,
        async onEnded(job) {
          if (!job.createdBy?.userId) return;
          await app.audit.record(
            {
              userId: job.createdBy.userId,
              email: job.createdBy.email ?? '',
              workspaceId: String(job.workspaceId),
              roles: [],
              seesPersonalData: false,
              sessionId: '',
            },
            {
              action: `contact.import.${job.state}`,
              targetType: 'contact-import',
              targetId: String(job._id),
              after: { created: job.created, updated: job.updated, problems: job.problemCount },
            },
          );
        },
      },
      { ...DEFAULT_IMPORT_RUNNER, ...opts.runner },
    );
    app.decorate('contactImports', runner);
    app.addHook('onReady', async () => runner.start());
    // preClose: the store is still open, so the current batches can commit and hand back.
    app.addHook('preClose', async () => await runner.stop());
    app.addHook('onClose', async () => await lookup.close());
  },
  { name: 'contact-imports', dependencies: ['db', 'audit'] },
);
