import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { demoFlowDraft } from '@kefu/runtime';
import type { Page } from '@kefu/schemas/api';
import { repoRoot } from '../../scripts/lib/servers';
import { applyAllDueKpis } from './support/kpi-apply';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { callApi, type Shop } from './support/shop';
import { isBotText, WidgetSocket } from './support/widget-socket';

/** What a shop's history is made of, compared document by document after a restore. */
const HISTORY = [
  'workspaces',
  'users',
  'contacts',
  'conversations',
  'messages',
  'tickets',
  'ticketevents',
  'flows',
  'flowversions',
  'flowlineups',
  'flowruns',
  'runsteps',
  'kpibuckets',
  'kpievents',
  'listheads',
  'counters',
];
const PASSWORD = 'correct horse battery staple';

// The commands themselves, on the real product's store: a shop's whole history survives a dropped database.
describe('backup and restore commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-backup-e2e-'));
  const database = `kefu_backup_${Date.now().toString(36)}`;
  const env = {
    MONGODB_URI: `${inject('mongoBaseUri')}${database}`,
    ...(inject('postgresUrl') ? { KEFU_POSTGRES_URL: inject('postgresUrl') } : {}),
  };
  const opened: mongoose.Connection[] = [];
  let product: RunningProduct | null = null;
  afterAll(async () => {
    await product?.stop();
    for (const conn of opened) await conn.dropDatabase().catch(() => {});
    for (const conn of opened) await conn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const connect = async (uri: string) => {
    const conn = await mongoose.createConnection(uri).asPromise();
    opened.push(conn);
    return conn;
  };
  /** A workspace's documents in the history collections, the store's write guard (`_rev`) aside. */
  const dump = async (conn: mongoose.Connection, workspaceId: string) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const name of HISTORY) {
      const docs = await conn.db!.collection(name).find({}).toArray();
      out[name] = docs
        .filter((d) =>
          name === 'workspaces'
            ? String(d._id) === workspaceId
            : name === 'listheads' || name === 'counters'
              ? String(d._id).startsWith(`${workspaceId}:`)
              : String(d.workspaceId) === workspaceId,
        )
        .map(({ _rev, ...doc }) => (void _rev, doc))
        .sort((a, b) => String(a._id).localeCompare(String(b._id)));
    }
    return out;
  };

  it('backs up a shop, and after the database is dropped restores every document and the product carries on', async () => {
    product = await startProduct({ database });
    const email = `backup-owner-${Date.now()}@example.com`;
    const signUp = await fetch(`${product.url}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Tea House', name: 'Owner', email, password: PASSWORD }),
    });
    expect(signUp.status).toBe(201);
    const me = (await signUp.json()) as { workspace: { id: string; publicKey: string } };
    const shop: Shop = {
      cookie: signUp.headers
        .getSetCookie()
        .find((c) => c.startsWith('kefu_session='))!
        .split(';')[0]!,
      workspaceId: me.workspace.id,
      publicKey: me.workspace.publicKey,
    };
    const api = <T>(who: Shop, method: string, path: string, body?: unknown) =>
      callApi<T>(product!.url, who, method, path, body);

    // A published flow that runs for two visitors, a ticket, and the KPI rollups of it all.
    const { flowId } = await publishFlow(product.url, shop, demoFlowDraft);
    for (const visitor of ['backup-visitor-1', 'backup-visitor-2']) {
      const socket = await WidgetSocket.open(product.wsUrl);
      await socket.hello(visitor, shop.publicKey);
      await socket.next(isBotText(/Welcome/));
      socket.send({ type: 'message', clientMessageId: `${visitor}-1`, text: 'hi' });
      await socket.next(isBotText(/"hi"/));
      await socket.close();
    }
    await expect
      .poll(async () =>
        (await api<Page<{ steps: number }>>(shop, 'GET', '/runs')).body.items.map((r) => r.steps),
      )
      .toEqual([5, 5]);
    const ticket = await api<{ number: number }>(shop, 'POST', '/tickets', { subject: 'Cracked teapot' });
    expect(ticket.status).toBe(201);
    await applyAllDueKpis(product.models, shop.workspaceId);

    // The commands, as an operator runs them: the whole database, and the one workspace.
    const source = await connect(env.MONGODB_URI);
    const all = join(dir, 'all.kefu.gz');
    const tea = join(dir, 'tea.kefu.gz');
    let before: Awaited<ReturnType<typeof dump>>;
    // The worker may still be writing (run history, rollups): back up once the shop holds still.
    for (let attempt = 0; ; attempt++) {
      before = await dump(source, shop.workspaceId);
      const backup = await cli('backup', ['--out', all], env);
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toMatch(/Backed up \d+ documents in \d+ collections \(database kefu_backup_/);
      if (JSON.stringify(await dump(source, shop.workspaceId)) === JSON.stringify(before) || attempt > 3)
        break;
    }
    const teaBackup = await cli('backup', ['--workspace', shop.workspaceId, '--out', tea], env);
    expect(teaBackup.code, teaBackup.output).toBe(0);
    expect(teaBackup.output).toContain(`(workspace ${shop.workspaceId})`);
    for (const name of [
      'conversations',
      'messages',
      'tickets',
      'flowversions',
      'flowruns',
      'runsteps',
      'contacts',
      'kpibuckets',
    ])
      expect(before[name]!.length, name).toBeGreaterThan(0);

    // Restoring over the live database is refused; so is a file cut short, before anything is written.
    const refused = await cli('restore', ['--in', all], env);
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toMatch(/is not empty .*--replace/);
    const cut = join(dir, 'cut.kefu.gz');
    const whole = readFileSync(all);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const elsewhere = { ...env, MONGODB_URI: `${env.MONGODB_URI}_cut` };
    const damaged = await cli('restore', ['--in', cut], elsewhere);
    expect(damaged.code, damaged.output).toBe(1);
    expect(damaged.output).toMatch(/is not a complete Kefu backup/);
    const untouched = await connect(elsewhere.MONGODB_URI);
    for (const { name } of await untouched.db!.listCollections().toArray())
      expect(await untouched.db!.collection(name).countDocuments({}), name).toBe(0);

    // The database is lost.
    await product.stop();
    product = null;
    expect(await source.db!.collection('conversations').countDocuments({})).toBe(0);

    const restored = await cli('restore', ['--in', all], env);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toMatch(/Restored \d+ documents into database kefu_backup_.*every count matches/);
    expect(await dump(source, shop.workspaceId)).toEqual(before!);
    // Run again, it knows the file is in already.
    expect((await cli('restore', ['--in', all], env)).output).toMatch(/was already restored/);

    // The product on the restored database: the same owner signs in and sees the shop's history.
    product = await startProduct({ database });
    const login = await fetch(`${product.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const owner: Shop = {
      ...shop,
      cookie: login.headers
        .getSetCookie()
        .find((c) => c.startsWith('kefu_session='))!
        .split(';')[0]!,
    };
    const ids = (page: { body: Page<{ id: string }> }) => page.body.items.map((i) => i.id).sort();
    const of = (name: string, key = '_id') => before[name]!.map((d) => String(d[key])).sort();
    expect(ids(await api(owner, 'GET', '/conversations'))).toEqual(of('conversations'));
    expect(ids(await api(owner, 'GET', '/tickets'))).toEqual(of('tickets'));
    expect(ids(await api(owner, 'GET', '/runs'))).toEqual(of('flowruns', 'runId'));
    expect(ids(await api(owner, 'GET', '/contacts'))).toEqual(of('contacts'));
    const versions = await api<{ version: number }[] | Page<{ version: number }>>(
      owner,
      'GET',
      `/flows/${flowId}/versions`,
    );
    expect(versions.status).toBe(200);
    expect(JSON.stringify(versions.body)).toContain('"version":1');

    // New work continues the sequences: a conversation, and a ticket numbered after the last one.
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('backup-visitor-3', shop.publicKey);
    await socket.next(isBotText(/Welcome/));
    await socket.close();
    await expect
      .poll(async () => ids(await api(owner, 'GET', '/conversations')))
      .toContain(session.conversationId);
    const next = await api<{ number: number }>(owner, 'POST', '/tickets', { subject: 'Lid missing' });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.number).toBe(ticket.body.number + 1);
    expect((await api<Page<unknown>>(owner, 'GET', '/tickets')).body.items).toHaveLength(2);

    // The workspace's own backup, restored into an empty database, holds the same shop.
    const alone = { ...env, MONGODB_URI: `${env.MONGODB_URI}_alone` };
    const teaRestore = await cli('restore', ['--in', tea], alone);
    expect(teaRestore.code, teaRestore.output).toBe(0);
    expect(teaRestore.output).toContain(`into workspace ${shop.workspaceId}`);
    expect(await dump(await connect(alone.MONGODB_URI), shop.workspaceId)).toEqual(before!);
    // A budget for waiting, not for speed: two products and seven command runs on a busy machine.
  }, 300_000);
});

/** Runs `npm run backup` / `npm run restore` (without the setup step) and collects what it prints. */
function cli(
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [join(repoRoot, 'scripts', `${script}.ts`), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
