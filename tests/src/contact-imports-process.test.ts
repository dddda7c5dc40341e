import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContactImportWire } from '@kefu/schemas/api';
import { spawnApi, startProduct, stopChild, type RunningProduct } from './support/product';
import type { Spawned } from './support/product-core';
import { callApi, signUpShop, type Shop } from './support/shop';

// Contact imports on the API as its own process, over real HTTP. An import survives its process:
// stopped cleanly (SIGTERM) it is handed back and the next process goes on at once; killed
// (SIGKILL) its lease runs out and the next process resumes it from the last committed batch.
// Either way every row is imported once. A file that grows past the limit is refused with 413.
describe('contact imports on the API process', () => {
  let product: RunningProduct;
  let shop: Shop;
  const children: Spawned[] = [];
  const api = async () => {
    const child = spawnApi(product.env);
    children.push(child);
    await child.ready;
    return child;
  };

  beforeAll(async () => {
    product = await startProduct({ api: 'none', worker: 'none' });
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
  });
  afterAll(async () => {
    await product?.stop();
  });

  const progress = async (id: string) =>
    (await callApi<ContactImportWire>(product.url, shop, 'GET', `/contacts/imports/${id}`)).body;
  async function until(id: string, ok: (job: ContactImportWire) => boolean): Promise<ContactImportWire> {
    for (;;) {
      const job = await progress(id);
      if (ok(job)) return job;
      if (['failed', 'cancelled'].includes(job.state))
        throw new Error(`import ended ${job.state}: ${job.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('imports every row once, though its process was stopped and then killed mid-way', async () => {
    const rows = 30_000;
    let first = await api();
    shop = await signUpShop(product.url, 'restart');
    const file =
      'name,email\n' +
      Array.from({ length: rows }, (_, i) => `Person ${i},person${i}@shop.test`).join('\n') +
      '\n';
    const res = await fetch(`${product.url}/contacts/imports`, {
      method: 'POST',
      headers: { cookie: shop.cookie, 'content-type': 'text/csv' },
      body: file,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as ContactImportWire;

    await until(id, (job) => job.rowsRead >= 3000);
    await stopChild(first);
    // With no API up, as the store holds it: still running, handed back (its lease ended).
    const handedBack = (await product.models.ContactImport.findOne({
      _id: id,
      workspaceId: shop.workspaceId,
    }).lean())!;
    expect(handedBack.state).toBe('running');
    expect(handedBack.rowsRead).toBeLessThan(rows);
    expect(handedBack.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now());

    first = await api();
    await until(id, (job) => job.rowsRead >= handedBack.rowsRead + 3000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    // The lease the killed process held runs out (30 s), and the new process resumes the import.
    await api();
    const done = await until(id, (job) => job.state === 'done');
    expect(done).toMatchObject({ rowsRead: rows, created: rows, updated: 0, problemCount: 0 });
    expect(await product.models.Contact.countDocuments({ workspaceId: shop.workspaceId })).toBe(rows);
  }, 420_000);

  it('answers 413 naming the body to a file that grows past 50 MB without announcing its size', async () => {
    await api();
    shop ??= await signUpShop(product.url, 'too-big');
    const row = Buffer.from('Person,person@shop.test\n'.repeat(10_000));
    let sent = 0;
    async function* body() {
      yield Buffer.from('name,email\n');
      // Up to 60 MB, sent in pieces (chunked: no Content-Length), stopping if the server has answered.
      while (sent < 60 * 1024 * 1024) {
        sent += row.length;
        yield row;
      }
    }
    const res = await fetch(`${product.url}/contacts/imports`, {
      method: 'POST',
      headers: { cookie: shop.cookie, 'content-type': 'text/csv' },
      body: Readable.toWeb(Readable.from(body())) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'KEFU_ERR_PAYLOAD_TOO_LARGE', field: 'body' });
    const imports = await callApi<{ items: unknown[] }>(product.url, shop, 'GET', '/contacts/imports');
    expect(imports.body.items.filter((i) => (i as { state: string }).state !== 'done')).toEqual([]);
  }, 240_000);
});
