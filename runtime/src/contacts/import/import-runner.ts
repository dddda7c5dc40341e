import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTACT_IMPORT_PROBLEMS_KEPT, type ContactImportProblem } from '@kefu/schemas/api';
import { ACROSS_TENANTS, transition, type Models } from '../../models';
import type { KeyLookup } from '../../store/find-by-keys';
import { readContactHeader } from '../contact-csv';
import { csvBatches } from './csv-batches';
import { cleanUpImport } from './end-import';
import { importBatch } from './import-batch';
import { readImportFile } from './import-file';
import type { ContactImportRecord } from './import-wire';

export interface ImportRunnerOptions {
  /** Imports this process runs at once (each in another workspace: one per workspace). */
  concurrency: number;
  /** Rows per batch: one lookup round, one insertMany, one progress update. */
  batchSize: number;
  /** How long a claim on an import lasts without progress before another process may take it. */
  leaseMs: number;
  /**
   * How often to look for imports to run. New uploads and ended imports wake the runner at once,
   * so the poll only finds imports whose process died (their lease lapsed) or that another process
   * queued: a third of the lease is soon enough, and an idle store stays idle in between.
   */
  pollMs: number;
  /**
   * After each batch an import pauses for this share of the time the batch took, times the number
   * of imports running here (at least minPauseMs): with 1, the imports of this process together
   * keep the store and the CPU busy at most about half the time, and the chats and queues of
   * every other workspace get the rest.
   */
  pauseShare: number;
  minPauseMs: number;
  /** Runs that stop on an error before the import is failed. */
  maxFailures: number;
}

export const DEFAULT_IMPORT_RUNNER: ImportRunnerOptions = {
  concurrency: 2,
  batchSize: 500,
  leaseMs: 30_000,
  pollMs: 10_000,
  pauseShare: 1,
  minPauseMs: 10,
  maxFailures: 3,
};

export interface ImportRunnerDeps {
  models: Models;
  lookup: KeyLookup;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Called once when an import this process ran has ended (done, failed or cancelled). */
  onEnded?(job: ContactImportRecord): Promise<void>;
}

const WAITING = ['uploading', 'queued', 'running'] as const;
const across = { [ACROSS_TENANTS]: 'the importers look for work in every workspace' };

/**
 * Runs contact imports in the background, batch by batch, in every API process. An import is
 * claimed with a lease (a conditional update: one winner among processes), renewed with every
 * batch's progress; a process that dies leaves a lease that runs out, and the next poll anywhere
 * resumes the import from its last committed batch. A process that stops cleanly hands its
 * imports back at once.
 */
export class ContactImportRunner {
  readonly owner = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    private readonly deps: ImportRunnerDeps,
    readonly options: ImportRunnerOptions = DEFAULT_IMPORT_RUNNER,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Look for work now (a new upload is queued, or an import ended and a slot is free). */
  kick(): void {
    if (this.stopping) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.poll()
      .catch((err: unknown) => this.deps.log.error({ err }, 'contact import poll failed'))
      .finally(() => {
        this.polling = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops taking work; running imports stop after their current batch and hand their lease back. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await Promise.allSettled(this.running.values());
  }

  /** Imports this process is running now, by id. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule(this.options.pollMs);
    }, ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const { ContactImport } = this.deps.models;
    const waiting = (state: (typeof WAITING)[number]) =>
      ContactImport.find({ state }, { problems: 0 }).setOptions(across).lean<ContactImportRecord[]>();
    const [uploading, queued, running] = await Promise.all(WAITING.map(waiting));
    if (!uploading || !queued || !running) return;
    const now = Date.now();
    const lapsed = (job: ContactImportRecord) => !job.leaseUntil || new Date(job.leaseUntil).getTime() < now;
    for (const job of uploading.filter(lapsed)) await this.abandonUpload(job);
    const ready = [...queued, ...running.filter(lapsed)]
      .filter((job) => !this.running.has(String(job._id)))
      .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
    for (const job of ready) {
      if (this.stopping || this.running.size >= this.options.concurrency) break;
      const claimed = await this.claim(job);
      if (!claimed) continue;
      const id = String(claimed._id);
      this.running.set(
        id,
        this.run(claimed)
          .catch((err: unknown) => this.deps.log.error({ err, importId: id }, 'contact import run failed'))
          .finally(() => {
            this.running.delete(id);
            this.kick();
          }),
      );
    }
  }

  /** Takes the import if nobody else did since it was read. */
  private async claim(job: ContactImportRecord): Promise<ContactImportRecord | null> {
    return (await transition(
      this.deps.models.ContactImport,
      {
        _id: job._id,
        workspaceId: job.workspaceId,
        state: job.state,
        leaseOwner: job.leaseOwner,
        leaseUntil: job.leaseUntil,
      },
      {
        $set: {
          state: 'running',
          leaseOwner: this.owner,
          leaseUntil: new Date(Date.now() + this.options.leaseMs),
          startedAt: job.startedAt ?? new Date(),
        },
      },
    )) as ContactImportRecord | null;
  }

  private async run(job: ContactImportRecord): Promise<void> {
    const { models } = this.deps;
    const ids = { workspaceId: String(job.workspaceId), importId: String(job._id) };
    if (job.cancelRequested) return await this.end(job, 'cancelled');
    const header = readContactHeader(job.columns ?? []);
    if (!header.ok) return await this.end(job, 'failed', header.message);
    this.deps.log.info({ importId: ids.importId, position: job.position }, 'contact import running');
    let current = job;
    const start = { byte: job.position?.byte ?? 0, line: job.position?.line ?? 0 };
    try {
      const file = readImportFile(models, ids, job.chunks, start.byte);
      for await (const batch of csvBatches(file, start, this.options.batchSize)) {
        if (this.stopping) return await this.handBack(current);
        const began = performance.now();
        const outcome = await importBatch(
          { models, lookup: this.deps.lookup, ...ids },
          header.columns,
          batch.records,
        );
        const problems = [...batch.problems, ...outcome.problems];
        const committed = (await transition(
          models.ContactImport,
          { _id: job._id, workspaceId: job.workspaceId, leaseOwner: this.owner },
          {
            $set: {
              position: batch.end,
              rowsRead: current.rowsRead + batch.records.length + batch.problems.length,
              created: current.created + outcome.created,
              updated: current.updated + outcome.updated,
              problemCount: current.problemCount + problems.length,
              problems: keptProblems((current.problems ?? []) as ContactImportProblem[], problems),
              leaseUntil: new Date(Date.now() + this.options.leaseMs),
            },
          },
        )) as ContactImportRecord | null;
        // Another process took the import over (this one stalled past its lease): it goes on from
        // the last committed batch, and this one writes nothing more.
        if (!committed) return;
        current = committed;
        if (committed.cancelRequested) return await this.end(committed, 'cancelled');
        const took = performance.now() - began;
        const share = this.options.pauseShare * Math.max(1, this.running.size);
        await sleep(Math.max(this.options.minPauseMs, took * share));
      }
      await this.end(current, 'done');
    } catch (err) {
      await this.failed(current, err);
    }
  }

  /** Stores how the import ended, then frees the workspace's slot and the stored file. */
  private async end(
    job: ContactImportRecord,
    state: 'done' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void> {
    const ended = (await transition(
      this.deps.models.ContactImport,
      { _id: job._id, workspaceId: job.workspaceId, leaseOwner: this.owner },
      { $set: { state, finishedAt: new Date(), ...(error ? { error } : {}) } },
    )) as ContactImportRecord | null;
    if (!ended) return;
    this.deps.log.info(
      {
        importId: String(job._id),
        state,
        created: ended.created,
        updated: ended.updated,
        problems: ended.problemCount,
      },
      'contact import ended',
    );
    await cleanUpImport(this.deps.models, ended);
    await this.deps.onEnded?.(ended);
  }

  /** Lets any process take the import up again at once (this one is stopping). */
  private async handBack(job: ContactImportRecord): Promise<void> {
    await this.deps.models.ContactImport.updateOne(
      { _id: job._id, workspaceId: job.workspaceId, leaseOwner: this.owner },
      { $set: { leaseUntil: new Date() } },
    );
  }

  /**
   * A run that stopped on an error (the store went away, a chunk is missing): tried again from the
   * last committed batch after a pause, and failed for good after a few tries.
   */
  private async failed(job: ContactImportRecord, err: unknown): Promise<void> {
    this.deps.log.error({ err, importId: String(job._id) }, 'contact import batch failed');
    const failures = (job.failures ?? 0) + 1;
    if (failures >= this.options.maxFailures) {
      await this.end(job, 'failed', 'the import kept stopping on an error; the rows before it were imported');
      return;
    }
    await this.deps.models.ContactImport.updateOne(
      { _id: job._id, workspaceId: job.workspaceId, leaseOwner: this.owner },
      { $set: { failures, leaseUntil: new Date(Date.now() + this.options.pollMs * 2 ** failures) } },
    );
  }

  /** An upload whose process died before it finished: nothing to import. */
  private async abandonUpload(job: ContactImportRecord): Promise<void> {
    const failed = (await transition(
      this.deps.models.ContactImport,
      {
        _id: job._id,
        workspaceId: job.workspaceId,
        state: 'uploading',
        leaseOwner: job.leaseOwner,
        leaseUntil: job.leaseUntil,
      },
      { $set: { state: 'failed', error: 'the upload did not finish', finishedAt: new Date() } },
    )) as ContactImportRecord | null;
    if (failed) await cleanUpImport(this.deps.models, failed);
  }
}

/** The problems an import keeps to show: the first ones of the file. */
function keptProblems(
  kept: readonly ContactImportProblem[],
  more: readonly ContactImportProblem[],
): ContactImportProblem[] {
  if (kept.length >= CONTACT_IMPORT_PROBLEMS_KEPT) return [...kept];
  return [...kept, ...more].slice(0, CONTACT_IMPORT_PROBLEMS_KEPT);
}
